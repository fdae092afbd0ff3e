import type { ApiError } from '../../api/client';
import type { CommonMessages } from '../../components/common';
import type { Catalogue } from './catalogue';
import { knowledgeMessages } from './en-knowledge';
import { searchMessages } from './en-search';

const timeFormat = new Intl.DateTimeFormat('en', { timeStyle: 'medium' });
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const countFormat = new Intl.NumberFormat('en');

const count = (n: number) => countFormat.format(n);
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

function formatDate(isoDate: string): string {
  if (isoDate === '') return '';
  const at = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(at) ? isoDate : dateFormat.format(at);
}

function formatDateTime(isoInstant: string): string {
  const at = Date.parse(isoInstant);
  return Number.isNaN(at) ? isoInstant : dateTimeFormat.format(at);
}

/** "45 seconds", "3 minutes". */
function formatWait(seconds: number): string {
  if (seconds < 60) return plural(Math.max(1, seconds), 'second', 'seconds');
  return plural(Math.ceil(seconds / 60), 'minute', 'minutes');
}

function describeHealthError(error: ApiError): string {
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

/** Any failed request, in words: the server's own message and field where it sent them. */
function describeError(error: ApiError): string {
  switch (error.kind) {
    case 'network':
      return 'The server could not be reached. Check your network connection and try again.';
    case 'timeout':
      return `The server did not answer within ${Math.round(error.timeoutMs / 1000)} seconds. Try again.`;
    case 'aborted':
      return 'The request was cancelled.';
    case 'invalid_response':
      return `The server answered, but not in the expected format (${error.detail}).`;
    case 'http': {
      const wait =
        error.retryAfterSeconds === undefined
          ? 'a little while'
          : formatWait(error.retryAfterSeconds);
      if (error.status === 429) return `Too many attempts. Try again in ${wait}.`;
      if (error.status === 503) return `The server is busy or unavailable. Try again in ${wait}.`;
      if (error.status === 401) return 'Your session has ended. Sign in again to continue.';
      const message =
        error.message.trim() === ''
          ? `The server answered with an error (HTTP ${error.status}).`
          : error.message;
      const field = error.field === undefined || error.field === '' ? '' : ` (${error.field})`;
      if (error.status === 403) return `You are not allowed to do this: ${message}${field}`;
      if (error.status === 413) return `That is too large for the server: ${message}`;
      return `${message}${field}`;
    }
  }
}

const common: CommonMessages = {
  loading: 'Loading…',
  retry: 'Try again',
  loadMore: 'Load more',
  loadingMore: 'Loading more…',
  cancel: 'Cancel',
  none: '—',
  never: 'Never',
  copy: {
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Copying was not allowed here. The text is selected: press Ctrl+C (⌘C on a Mac).',
  },
  describeError,
  formatDate,
  formatDateTime,
  formatCount: count,
  formatSize: (bytes) =>
    bytes < 1024
      ? plural(bytes, 'byte', 'bytes')
      : bytes < 1024 * 1024
        ? `${(bytes / 1024).toFixed(1)} KB`
        : `${(bytes / 1024 / 1024).toFixed(1)} MB`,
};

const exportButton = {
  export: 'Export CSV',
  exporting: 'Exporting…',
  fileName: (date: string) => `rapport-people-${date}.csv`,
  describeError,
};

const roles = {
  owner: 'Owner',
  admin: 'Administrator',
  hr: 'HR',
  cx_lead: 'CX lead',
  knowledge_editor: 'Knowledge editor',
  employee: 'Employee',
};

const reportCounts = (direct: number, total: number) =>
  `${plural(direct, 'direct report', 'direct reports')} · ${plural(total, 'person', 'people')} in this branch`;

export const en: Catalogue = {
  shell: {
    productName: 'Rapport',
    skipLink: 'Skip to main content',
    primaryNav: 'Primary',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
    signOut: 'Sign out',
    documentTitle: (page) => `${page} · Rapport`,
    footer: 'Rapport is open-source software, running on your own server.',
    unreachableTitle: 'Rapport cannot be reached',
    healthLine: {
      checking: 'Checking the server…',
      operational: (version) => `Server operational · version ${version}`,
      degraded: (version) => `Server degraded · version ${version}`,
      unreachable: 'Server unreachable',
    },
  },
  common,
  nav: {
    home: 'Home',
    people: 'People',
    orgChart: 'Org chart',
    import: 'Import people',
    users: 'Users and roles',
    audit: 'Audit log',
    tokens: 'API tokens',
    knowledge: 'Knowledge base',
    kbReview: 'Review queue',
    kbStale: 'Stale articles',
    kbFeedback: 'Article feedback',
    kbSearchInsights: 'Search insights',
    surveys: 'Surveys',
    customers: 'Customers',
    recognition: 'Recognition',
    analytics: 'Analytics',
    settings: 'Settings',
  },
  navGroups: {
    directory: 'Directory',
    knowledge: 'Knowledge',
    admin: 'Administration',
    account: 'Your account',
    soon: 'Coming soon',
  },
  areaDescriptions: {
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
      describeError: describeHealthError,
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
  forbidden: {
    title: 'Access denied',
    heading: 'You do not have access to this page',
    body: (action) =>
      `Your role does not include the permission this page needs (${action}). If you need it, ask an administrator of your organisation.`,
    backHome: 'Back to Home',
  },
  signIn: {
    title: 'Sign in',
    lead: 'Sign in to Rapport with your work e-mail address.',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    required: 'Enter your e-mail address and your password.',
    wrongCredentials:
      'The e-mail address or the password is not correct. Check both and try again.',
    sessionExpired: 'Your session has ended. Sign in again to continue where you were.',
    signedOut: 'You have signed out.',
    forgotten:
      'Forgotten your password? Ask an administrator of your organisation for a reset link.',
    describeError,
  },
  setPassword: {
    inviteTitle: 'Accept your invitation',
    inviteLead: 'Choose a password for your Rapport account. You will be signed in straight away.',
    resetTitle: 'Choose a new password',
    resetLead:
      'Choose a new password for your Rapport account. You will be signed in straight away.',
    password: 'New password',
    passwordHint: (min) =>
      `At least ${min} characters. A few unrelated words make a strong password that is easy to remember.`,
    repeat: 'Repeat the new password',
    tooShort: (min) => `The password must be at least ${min} characters long.`,
    mismatch: 'The two passwords are not the same.',
    submit: 'Set password and sign in',
    submitting: 'Setting the password…',
    linkInvalid:
      'This link cannot be used: it is unknown, has expired or was used already. Ask an administrator for a new one.',
    describeError,
  },
  directory: {
    title: 'People',
    lead: 'Everyone in your organisation: find a colleague by name, e-mail, job title or employee id.',
    search: 'Search people',
    searchHint: 'Results update as you type.',
    team: 'Team',
    allTeams: 'All teams',
    otherTeams: 'Other teams',
    includeInactive: 'Include former employees',
    tableCaption: 'People in the directory',
    name: 'Name',
    jobTitle: 'Job title',
    teamColumn: 'Team',
    manager: 'Manager',
    location: 'Location',
    inactive: 'Former employee',
    shown: (n, more) =>
      `Showing ${plural(n, 'person', 'people')}${more ? '; more are available' : ''}.`,
    noMatches: 'No one matches this search.',
    importLink: 'Import people',
    orgChartLink: 'Org chart',
    exportButton,
    common,
  },
  person: {
    documentTitle: (name) => `${name} · Rapport`,
    notFound: 'Person not found',
    details: 'Details',
    email: 'E-mail',
    jobTitle: 'Job title',
    team: 'Team',
    manager: 'Manager',
    location: 'Location',
    status: 'Status',
    active: 'Active',
    inactive: 'Former employee',
    employeeId: 'Employee id',
    sensitive: 'Employment',
    sensitiveNote: 'Visible to HR, administrators and this person’s managers only.',
    hireDate: 'Hire date',
    employmentType: 'Employment type',
    employmentTypes: {
      full_time: 'Full time',
      part_time: 'Part time',
      contractor: 'Contractor',
      intern: 'Intern',
      temporary: 'Temporary',
    },
    attributes: 'Attributes',
    chain: 'Reporting line',
    chainEmpty: 'Nobody: this person is at the top of the organisation.',
    reports: 'Direct reports',
    reportsEmpty: 'No one reports to this person.',
    reportCounts,
    history: 'History',
    historyCaption: 'Teams and managers over time, newest first',
    from: 'From',
    to: 'To',
    current: 'Now',
    unknownTeam: 'A team that no longer exists',
    unknownManager: 'Someone no longer listed',
    backToDirectory: 'Back to People',
    common,
  },
  orgChart: {
    title: 'Org chart',
    lead: (total) => `Who reports to whom, across ${plural(total, 'person', 'people')}.`,
    treeLabel: 'Reporting tree',
    keyboardHint:
      'Use the arrow keys to move through the tree: Right opens a person’s reports, Left closes them, Enter opens the person’s page.',
    counts: reportCounts,
    noReports: 'No reports',
    loadingReports: (name) => `Loading the reports of ${name}…`,
    loadedReports: (name, n) => `${name}: ${plural(n, 'direct report', 'direct reports')} shown.`,
    reportsFailed: (name, reason) => `The reports of ${name} could not be loaded. ${reason}`,
    empty: 'The directory is empty. Import people to see the org chart.',
    common,
  },
  import: {
    title: 'Import people',
    lead: 'Bring the directory up to date from your HR system’s CSV export. Nothing changes until you confirm.',
    steps: ['Choose a file', 'Check the changes', 'Done'],
    stepLabel: 'Import progress',
    chooseHeading: 'Choose a CSV file',
    chooseLead:
      'The file is the whole directory: people who are in Rapport but not in the file will be deactivated. Checking the file changes nothing.',
    columns:
      'Required columns: employee_id, name. Known columns: email, job_title, department, team, manager_employee_id, hire_date (YYYY-MM-DD), location, employment_type. Any other column becomes a reporting attribute.',
    file: 'CSV file',
    fileHint: 'UTF-8, comma separated, with a header row.',
    fileChosen: (name, size) => `Chosen: ${name} (${size}).`,
    readFailed: 'The file could not be read. Choose it again.',
    emptyFile: 'The file is empty.',
    check: 'Check the file',
    checking: 'Checking…',
    previewHeading: 'Check the changes',
    previewLead: 'This is what the import would do. Nothing has changed yet.',
    hasErrors:
      'The file has errors, so it cannot be imported. Fix them in your HR system or the file, then choose the file again.',
    needsForce: 'Confirm the large number of deactivations in the warning above before importing.',
    nothingToDo: 'The directory already matches this file: there is nothing to import.',
    apply: 'Import',
    applying: 'Importing…',
    chooseAnother: 'Choose another file',
    resultHeading: 'Import complete',
    applied: (c, u, d, r) =>
      `The directory is up to date: ${plural(c, 'person', 'people')} added, ${count(u)} updated, ${count(d)} deactivated, ${count(r)} reactivated.`,
    notApplied: 'Nothing was imported. The report below says why.',
    importAnother: 'Import another file',
    toDirectory: 'Go to People',
    exportHeading: 'Export',
    exportLead:
      'Download the directory as a CSV file with the same columns. It opens safely in a spreadsheet and can be imported again unchanged.',
    preview: {
      countsHeading: 'Summary',
      rows: 'Rows in the file',
      creates: 'New people',
      updates: 'Updated',
      unchanged: 'Unchanged',
      deactivations: 'Deactivated',
      reactivations: 'Reactivated',
      errorsHeading: (n) => plural(n, 'error', 'errors'),
      errorsLead: 'Lines are counted from the top of the file, header included.',
      errorsCaption: 'Errors in the file',
      line: 'Line',
      field: 'Column',
      message: 'Problem',
      wholeRow: 'Whole row',
      changesHeading: (n) => `Changes (${count(n)})`,
      changesCaption: 'Changes the import would make',
      noChanges: 'No changes.',
      employeeId: 'Employee id',
      action: 'Change',
      changedFields: 'Changed fields',
      actions: {
        create: 'New',
        update: 'Update',
        deactivate: 'Deactivate',
        reactivate: 'Reactivate',
      },
      showAll: (n) => `Show all ${count(n)} changes`,
      safetyStopHeading: 'This import would deactivate many people',
      safetyStop: (d) =>
        `${plural(d, 'person', 'people')} in Rapport ${d === 1 ? 'is' : 'are'} not in this file and would be deactivated: more than 40% of the active directory. That usually means the file is not the whole directory.`,
      force: 'I have checked: this file is the whole directory, deactivate them',
      forceHint: 'Only tick this if the deactivations listed below are intended.',
      formatCount: count,
    },
    exportButton,
    common,
  },
  users: {
    title: 'Users and roles',
    lead: 'Who can sign in to Rapport, and what each role may do.',
    roles,
    tableCaption: 'User accounts',
    name: 'Name',
    email: 'E-mail address',
    role: 'Role',
    roleOf: (name) => `Role of ${name}`,
    status: 'Status',
    created: 'Created',
    actions: 'Actions',
    active: 'Active',
    disabled: 'Disabled',
    invited: 'No password yet',
    you: 'You',
    disable: 'Disable',
    enable: 'Enable',
    invitationLink: 'Invitation link',
    resetLink: 'Password reset link',
    createHeading: 'Add a user',
    create: 'Add user',
    creating: 'Adding…',
    required: 'Enter an e-mail address and a name.',
    createdNotice: (name) =>
      `${name} was added. Create an invitation link so they can choose a password.`,
    roleChanged: (name, role) => `${name} now has the role ${role}.`,
    disabledNow: (name) => `${name} was disabled and can no longer sign in.`,
    enabledNow: (name) => `${name} was enabled.`,
    linkHeading: (purpose, name) =>
      purpose === 'invitation' ? `Invitation link for ${name}` : `Password reset link for ${name}`,
    linkLead: (expires) =>
      `Send this link to them yourself. It works once, until ${expires}, and is shown only now.`,
    linkField: 'Link',
    dismiss: 'Done',
    empty: 'There are no users yet.',
    common,
  },
  tokens: {
    title: 'API tokens',
    lead: 'Tokens let scripts and integrations use the Rapport API as you, limited to the scopes you choose.',
    tableCaption: 'Your API tokens',
    name: 'Name',
    scopes: 'Scopes',
    created: 'Created',
    lastUsed: 'Last used',
    expires: 'Expires',
    status: 'Status',
    actions: 'Actions',
    states: { active: 'Active', revoked: 'Revoked', expired: 'Expired' },
    revokedOn: (when) => `on ${when}`,
    revoke: 'Revoke',
    revokeLabel: (name) => `Revoke ${name}`,
    confirmRevoke: (name) =>
      `Revoke “${name}”? Anything using it stops working at once. This cannot be undone.`,
    confirm: 'Revoke token',
    revoking: 'Revoking…',
    revoked: (name) => `The token “${name}” was revoked.`,
    empty: 'You have no API tokens.',
    createHeading: 'Create a token',
    nameHint: 'What the token is for, e.g. “HR sync”.',
    scopesLegend: 'Scopes',
    scopeHints: {
      'directory:read': 'Read the directory and the org chart.',
      'directory:write': 'Change people and teams, import and export.',
      'users:admin': 'Manage user accounts, roles and tokens.',
      'audit:read': 'Read the audit log.',
      'kb:read': 'Read knowledge-base articles.',
      'kb:write': 'Write, review and publish articles, and handle feedback.',
      'kb:admin': 'Manage knowledge-base categories and settings.',
    },
    expiry: 'Expires',
    expiryNever: 'Never',
    expiryDays: (days) => `After ${plural(days, 'day', 'days')}`,
    create: 'Create token',
    creating: 'Creating…',
    nameRequired: 'Give the token a name.',
    scopeRequired: 'Choose at least one scope.',
    secretHeading: (name) => `Your new token “${name}”`,
    secretLead:
      'Copy the token now and keep it somewhere safe: for your security it is shown only this once.',
    secretField: 'Token',
    done: 'I have copied it',
    common,
  },
  audit: {
    title: 'Audit log',
    lead: 'Security-relevant events, newest first: sign-ins, role and token changes, imports and exports.',
    action: 'Action',
    actionHint: 'An exact action such as auth.login, or a prefix ending in a dot such as auth.',
    actor: 'Who',
    anyone: 'Anyone',
    apply: 'Filter',
    clear: 'Clear',
    tableCaption: 'Audit log entries',
    when: 'When',
    who: 'Who',
    target: 'Target',
    detail: 'Details',
    address: (ip) => `from ${ip}`,
    system: 'System',
    shown: (n, more) =>
      `Showing ${plural(n, 'entry', 'entries')}${more ? '; more are available' : ''}.`,
    empty: 'No entries match.',
    common,
  },
  knowledge: knowledgeMessages(common, roles),
  search: searchMessages(common),
};
