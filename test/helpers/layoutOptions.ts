import type { LayoutOptions } from '../../src/layout/types.js';

export const layoutOptions: LayoutOptions = {
  paper: 'letter',
  fieldPrefix: 'doc',
  chrome: { headerLeft: 'Clinic', headerRight: 'Patient', footerLeft: 'doc v1.0.0', pageLabel: 'Page {page} of {pages}' },
  labels: { signature: 'Signature', date: 'Date', time: 'Time', printedName: 'Printed name', initials: 'Initials' },
};
