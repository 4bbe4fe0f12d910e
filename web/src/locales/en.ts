import type zh from './zh-CN';

const en: typeof zh = {
  app: { name: 'Anjian', fullName: 'Work Safety Supervision Platform', subtitle: 'One network for street-level safety supervision' },
  nav: {
    dashboard: 'Dashboard', registry: 'Units', roster: 'Inspectors', regions: 'Regions', imports: 'Import / Export',
    plans: 'Annual plans', hazards: 'Hazards', menu: 'Menu', tasks: 'My tasks', documents: 'Documents', portal: 'Enterprise portal',
    notices: 'Notices', selfInspections: 'Self-inspections', inspect: 'Inspection', record: 'Inspection record', majorBoard: 'Major hazards',
  },
  common: {
    search: 'Search', reset: 'Reset', add: 'Add', edit: 'Edit', delete: 'Delete', save: 'Save', cancel: 'Cancel',
    confirm: 'OK', close: 'Close', all: 'All', yes: 'Yes', no: 'No', loading: 'Loading…', empty: 'No data',
    total: '{n} in total', actions: 'Actions', detail: 'Details', reload: 'Reload', refresh: 'Refresh', columns: 'Columns',
    more: 'More filters', less: 'Fewer', saved: 'Saved', deleted: 'Deleted', download: 'Download', unit: '',
    person: '', back: 'Back',
  },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password', welcome: 'Welcome to', hint: "Demo accounts: admin / leader / inspector / grid, password Anjian{'@'}2024",
    features: ['Unit registry with four-colour risk grading', 'Inspector roster with certificate expiry alerts', 'Excel import with dry run and row-level errors'],
  },
  account: { logout: 'Sign out', language: '中文', jurisdiction: 'Jurisdiction', loggedOut: 'Signed out', role: 'Role' },
  dashboard: {
    title: 'Dashboard', total: 'Units', key: 'Key units', red: 'Red risk', level1: 'Level 1', byRisk: 'By risk colour',
    byLevel: 'By supervision level', byCommunity: 'Units per community', recentImports: 'Recent imports', keyShare: '{p}% of all',
    noImports: 'No imports yet', importRows: '{rows} rows / {imported} imported', dryRun: 'Dry run', failed: 'Errors',
    success: 'OK', allUnits: 'All units', keyUnits: 'Key units',
  },
  unit: {
    title: 'Unit registry', totalUnits: '{n} units', creditCode: 'Credit code', name: 'Name', address: 'Address', community: 'Community',
    grid: 'Grid', categories: 'Categories', level: 'Level', risk: 'Risk', key: 'Key', keyOnly: 'Key only',
    status: 'Status', employees: 'Employees', accident: 'Accident last year', hazard: 'Major hazard',
    department: 'Department', manager: 'Safety manager', phone: 'Phone', section: 'Industry section',
    override: 'Check-digit exception', overrideReason: 'Reason', overrideHint: 'For legacy codes whose check digit does not match; the reason is recorded',
    keyDerived: '"Key" is derived from the risk colour (red/orange) or an accident last year', updatedAt: 'Updated', version: 'Version',
    searchPlaceholder: 'Name / code / address', create: 'New unit', editTitle: 'Edit unit', history: 'History',
    inspections: 'Inspections', hazards: 'Hazards', placeholder: 'Coming in a later version', basic: 'Basics',
    supervision: 'Supervision', contact: 'Contact', conflictTitle: 'Modified by someone else',
    conflictBody: 'Someone else changed this unit; your edit was not saved. Reload the latest data and edit again.',
    conflictReload: 'Reload', deleteConfirm: 'Delete "{name}"? This cannot be undone.', historyEmpty: 'No changes recorded',
    action: { create: 'Created', update: 'Updated', delete: 'Deleted', import: 'Imported' },
    selectCommunity: 'Select a community', selectGrid: 'Select a grid (optional)', required: '{f} is required', chooseOne: 'Choose at least one',
    exportXlsx: 'Export Excel', checkOk: 'Valid', checkBad: 'Check digit mismatch (exception)', nameTooLong: 'At most 100 characters',
  },
  roster: {
    title: 'Inspector roster', name: 'Name', employeeNo: 'Employee no.', department: 'Department', role: 'Role',
    certificate: 'Certificate no.', validUntil: 'Valid until', jurisdiction: 'Jurisdiction', recusal: 'Recusals',
    phone: 'Phone', leaveDays: 'Leave days / year', active: 'Active', leader: 'Leader', expired: 'Expired', soon: 'Expires in {d} d', valid: 'Valid',
    none: 'None', create: 'New inspector', editTitle: 'Edit inspector', searchPlaceholder: 'Name / no. / certificate / department',
    recusalHint: 'Credit codes separated by commas', gridNoCert: 'Grid members may not hold a certificate', deleteConfirm: 'Delete "{name}"?',
    conflictBody: 'Someone else changed this person; reload and edit again.',
  },
  regions: {
    title: 'Regions', addChild: 'Add child', rename: 'Rename', deleteEmpty: 'Delete', code: 'Code', name: 'Name',
    level: 'Level', childLevel: 'Child level', newChild: 'Add under "{parent}"', renameTitle: 'Edit region',
    deleteConfirm: 'Delete "{name}"? Only regions without children or units can be deleted.', select: 'Select a region',
    path: 'Path', children: 'Children', noChild: 'Grids are the lowest level', filter: 'Filter by name',
  },
  imports: {
    title: 'Import / Export', kind: 'Import type', units: 'Units', inspectors: 'Inspectors', step1: 'Type',
    step2: 'Upload', step3: 'Dry run', step4: 'Done', template: 'Template', chooseFile: 'Choose file',
    dropHint: 'Drop an xlsx / csv file here, or click to choose', fileHint: 'xlsx or csv (UTF-8 or GBK); row 1 is the header',
    dryRun: 'Dry run (no write)', confirm: 'Import', restart: 'Choose another file', rows: 'Rows', valid: 'Valid rows',
    errors: 'Errors', imported: 'Imported', createdRegions: 'New regions', row: 'Row', column: 'Column', reason: 'Reason',
    rowN: 'Row {n}', wholeFile: 'Whole file', okHint: 'Dry run passed: {n} rows, all valid. Confirm to write them.',
    badHint: '{n} errors found; nothing was written. Fix the file and upload it again.',
    done: 'Import finished: {n} imported', export: 'Export', exportUnits: 'Export units', exportInspectors: 'Export inspectors',
    recent: 'Recent imports', time: 'Time', file: 'File', actor: 'By', result: 'Result', next: 'Next',
    prev: 'Back', toRegistry: 'Open registry',
  },
  errors: { conflict: 'Modified by someone else', network: 'Network error' },
};

export default en;
