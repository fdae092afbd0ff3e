import type { ApiError } from '../../api/client';
import type { Catalogue } from './catalogue';

const timeFormat = new Intl.DateTimeFormat('en', { timeStyle: 'medium' });

function describeError(error: ApiError): string {
  switch (error.kind) {
    case 'network':
      return 'The server could not be reached. Check that Rapport is running and that your network connection works.';
    case 'timeout':
      return `The server did not answer within ${Math.round(error.timeoutMs / 1000)} seconds.`;
    case 'aborted':
      return 'The check was cancelled.';
    case 'http':
      return `The server answered with an error (HTTP ${error.status}, ${error.code}): ${error.message}`;
    case 'invalid_response':
      return `The server answered, but not in the expected format (${error.detail}).`;
  }
}

export const en: Catalogue = {
  shell: {
    productName: 'Rapport',
    skipLink: 'Skip to main content',
    primaryNav: 'Primary',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
    documentTitle: (page) => `${page} · Rapport`,
    footer: 'Rapport is open-source software, running on your own server.',
  },
  nav: {
    home: 'Home',
    knowledge: 'Knowledge',
    surveys: 'Surveys',
    customers: 'Customers',
    recognition: 'Recognition',
    analytics: 'Analytics',
    settings: 'Settings',
  },
  areaDescriptions: {
    knowledge:
      'A knowledge base and public help center: search as you type, articles with live preview, and a review queue.',
    surveys:
      'Employee surveys, from anonymous pulse checks to 360 reviews, with reporting thresholds that protect respondents.',
    customers:
      'Customer experience programmes: NPS and feedback from the people you serve, beside your employee results.',
    recognition: 'A recognition feed where colleagues thank each other and celebrate good work.',
    analytics:
      'Dashboards with eNPS and NPS trends, heatmaps and driver charts, never below the reporting threshold.',
    settings: 'Your organisation, people, groups, roles, sign-in and data retention.',
  },
  home: {
    title: 'Welcome to Rapport',
    lead: 'Knowledge, surveys, customer experience and recognition in one self-hosted place.',
    health: {
      heading: 'Server status',
      checking: 'Checking the server…',
      operational: 'Operational',
      degraded: 'Degraded',
      unreachable: 'Unreachable',
      failing: 'Error',
      statusLabel: 'Reported status',
      versionLabel: 'Version',
      checkedAtLabel: 'Last checked',
      checkAgain: 'Check again',
      formatTime: (at) => timeFormat.format(at),
      describeError,
    },
    areasHeading: 'Areas',
    areasLead: 'These areas are on the way. Each one will appear here as it becomes available.',
    notYetAvailable: 'Not yet available',
  },
  unavailable: {
    badge: 'Not yet available',
    heading: 'This area is not available yet',
    body: (area) =>
      `${area} is still being built and will arrive in a later release of Rapport. Nothing is stored or shown here yet.`,
    backHome: 'Back to Home',
  },
  notFound: {
    title: 'Page not found',
    heading: 'There is no page at this address',
    body: (path) => `Nothing lives at ${path}. Check the address, or start again from Home.`,
    backHome: 'Back to Home',
  },
};
