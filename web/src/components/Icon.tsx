/** Line icons drawn on a 24×24 grid; styling (stroke, size) comes from `.icon` in CSS. */
const kPaths = {
  home: ['M3 10.5 12 3l9 7.5', 'M5 9v11h5v-6h4v6h5V9'],
  knowledge: [
    'M4 4.5A1.5 1.5 0 0 1 5.5 3H20v15H5.5A1.5 1.5 0 0 0 4 19.5z',
    'M4 19.5A1.5 1.5 0 0 0 5.5 21H20v-3',
    'M8 7.5h8M8 11h5',
  ],
  surveys: ['M9 3.5h6v3H9z', 'M9 5H5.5v15.5h13V5H15', 'M8.5 13.5l2.5 2.5 4.5-4.5'],
  customers: [
    'M12.5 8a3.5 3.5 0 1 1-7 0 3.5 3.5 0 0 1 7 0',
    'M2.5 20a6.5 6.5 0 0 1 13 0',
    'M16 4.6a3.5 3.5 0 0 1 0 6.8',
    'M18 14.2a6.5 6.5 0 0 1 3.5 5.8',
  ],
  recognition: ['M12 3l2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3l-5.6 2.9 1.1-6.2L3 9.6l6.2-.9z'],
  analytics: ['M4 20h16', 'M7 16v-5', 'M12 16V6', 'M17 16v-8'],
  settings: [
    'M4 7h8M16 7h4M4 17h4M12 17h8',
    'M16 7a2 2 0 1 1-4 0 2 2 0 0 1 4 0',
    'M12 17a2 2 0 1 1-4 0 2 2 0 0 1 4 0',
  ],
  menu: ['M4 7h16M4 12h16M4 17h16'],
  close: ['M6 6l12 12M18 6 6 18'],
  arrowRight: ['M5 12h14', 'M13 6l6 6-6 6'],
  refresh: ['M19.5 12a7.5 7.5 0 1 1-2.2-5.3', 'M20 4v5h-5'],
  compass: ['M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0', 'M15.5 8.5l-2 5-5 2 2-5z'],
  people: ['M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8', 'M4 21a8 8 0 0 1 16 0'],
  orgChart: ['M9 3h6v5H9z', 'M3 16h6v5H3zM15 16h6v5h-6z', 'M12 8v4M6 16v-4h12v4'],
  upload: ['M12 16V4', 'M7 9l5-5 5 5', 'M4 16v4h16v-4'],
  download: ['M12 4v12', 'M7 11l5 5 5-5', 'M4 16v4h16v-4'],
  key: [
    'M14.5 9.5a4.5 4.5 0 1 1-9 0 4.5 4.5 0 0 1 9 0',
    'M13.2 12.7 21 20.5M17.5 17l2-2M15.5 15l1.5-1.5',
  ],
  audit: ['M6 3h9l4 4v14H6z', 'M14 3v5h5', 'M9 12h7M9 16h7'],
  users: [
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7',
    'M2.5 20a6.5 6.5 0 0 1 13 0',
    'M17 9.5l1.5 1.5 3-3',
  ],
  signOut: ['M14 4h5v16h-5', 'M10 8l-4 4 4 4', 'M6 12h10'],
  search: ['M16.5 10.5a6 6 0 1 1-12 0 6 6 0 0 1 12 0', 'M15 15l5 5'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  warning: ['M12 3.5 22 20H2z', 'M12 10v4.5', 'M12 17.2v.3'],
  copy: ['M9 9h11v11H9z', 'M5 15H4V4h11v1'],
  review: ['M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12', 'M15 12a3 3 0 1 1-6 0 3 3 0 0 1 6 0'],
  clock: ['M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0', 'M12 7v5l3 2'],
  message: ['M4 5h16v11H9l-5 4z', 'M8 9.5h8M8 12.5h5'],
  edit: ['M4 20h4L19 9l-4-4L4 16z', 'M13.5 6.5l4 4'],
  plus: ['M12 5v14M5 12h14'],
  external: ['M14 4h6v6', 'M20 4l-9 9', 'M18 14v6H4V6h6'],
} as const satisfies Record<string, readonly string[]>;

export type IconName = keyof typeof kPaths;

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return (
    <svg
      class={className === undefined ? 'icon' : `icon ${className}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      {kPaths[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
