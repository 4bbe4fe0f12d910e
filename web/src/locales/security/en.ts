import type zh from './zh-CN';

const en: typeof zh = {
  sec: {
    missing: 'The server does not offer this yet ({f}); try again after the server is upgraded.',
    tempTitle: 'Temporary password', tempOnce: 'The temporary password is shown this once: tell the person in person or over a safe channel. It must be changed at the first sign-in.',
    tempFor: 'Temporary password of “{name}”', copy: 'Copy', copied: 'Copied', copyFailed: 'Could not copy: select it and copy by hand',
    time: 'Time', never: 'Never signed in',
  },
  accounts: {
    title: 'Accounts', searchPlaceholder: 'Username / name', create: 'New account', edit: 'Edit account', username: 'Username',
    displayName: 'Name', role: 'Role', jurisdiction: 'Jurisdiction', jurisdictionId: 'Jurisdiction id', unitId: 'Unit id',
    inspectorId: 'Roster person id', status: 'Status', lastLogin: 'Last sign-in', active: 'Active', inactive: 'Deactivated',
    locked: 'Locked until {d}', mustChange: 'Must change password', mfa: 'Two-step', resetPassword: 'Reset password', unlock: 'Unlock',
    sessions: 'Sessions', resetConfirm: 'Reset the password of “{name}”? A one-time temporary password is made and the account’s sessions end.',
    unlockConfirm: 'Lift the sign-in lock of “{name}”?', unlocked: 'Unlocked',
    deactivateConfirm: '“{name}” will no longer be able to sign in and its sessions end. Deactivate?',
    usernameRequired: 'Enter a username', usernameRule: 'Username: 3–32 letters, digits, underscore, dot or hyphen',
    displayNameRequired: 'Enter the name', roleRequired: 'Choose a role', jurisdictionRequired: 'Choose a jurisdiction',
    unitRequired: 'An enterprise account needs its unit id', sessionsOf: 'Sessions of “{name}”', noSessions: 'No open sessions',
    endSession: 'End session', endConfirm: 'End this session? The device using it will have to sign in again.', ended: 'Session ended',
    created: 'Created', lastSeen: 'Last active', expires: 'Expires', address: 'Address', count: '{n} accounts',
    selfHint: 'You cannot deactivate your own account or change your own role',
  },
  audit: {
    title: 'Audit log', actor: 'Actor', action: 'Action', actionPlaceholder: 'e.g. unit.update', targetType: 'Object type',
    targetId: 'Object id', outcome: 'Outcome', range: 'Period', from: 'From', to: 'To', export: 'Export Excel',
    seq: 'Seq', role: 'Role', jurisdiction: 'Jurisdiction', address: 'Address', target: 'Object', changes: 'Field changes',
    field: 'Field', oldValue: 'Old', newValue: 'New', otherDetails: 'Other details', hash: 'Entry hash',
    noDetails: 'Nothing more', anchors: 'Daily chain heads', anchorsHint: 'Daily chain-head hashes, to be copied and kept elsewhere: if any day’s entries are altered, every later head stops matching.',
    anchorDay: 'Day', anchorSeq: 'Last seq', anchorHash: 'Chain head', noAnchors: 'No chain heads yet', copyAnchors: 'Copy all',
    outcomes: { success: 'Success', denied: 'Denied', failure: 'Failure' },
    targets: {
      unit: 'Unit', inspector: 'Inspector', region: 'Region', plan: 'Annual plan', hazard: 'Hazard', task: 'Task', record: 'Record',
      document: 'Document', notice: 'Notice', import: 'Import', user: 'Account', session: 'Session', auth: 'Authentication', audit: 'Audit log',
      self_inspection: 'Self-inspection', upload: 'Photo', export: 'Export', access: 'Access', job: 'Scheduled job', demo: 'Demo data', route: 'Route',
    },
    verbs: {
      create: 'create', update: 'update', delete: 'delete', login: 'sign-in', login_failed: 'failed sign-in', logout: 'sign-out',
      locked: 'lock', unlock: 'unlock', password_change: 'password change', password_reset: 'password reset', totp_enrol: 'two-step enrolment',
      approve: 'approve', submit: 'submit', reject: 'reject', enact: 'enact', adjust: 'adjust', compile: 'compile', export: 'export',
      import: 'import', transition: 'transition', session_end: 'end session', read: 'read', deactivate: 'deactivate', activate: 'activate',
      denied: 'denied', lockout: 'lockout', login_throttled: 'sign-in throttled', register: 'register', escalate: 'escalate', mark_overdue: 'mark overdue',
      download: 'download', archive: 'archive', seed: 'seed', publish: 'publish', sign: 'sign', commit_seed: 'seed commitment', draw: 'random draw',
      correct: 'correct', cancel: 'cancel', create_from_plan: 'from plan', photo: 'photo upload', units: 'units', inspectors: 'inspectors',
      issue_order: 'order issued', submit_rectification: 'rectification submitted', review_pass: 're-inspection passed', review_fail: 're-inspection failed', close: 'close',
    },
  },
  me: {
    title: 'My account', forced: 'First sign-in or a reset password: set a new password before using anything else.', password: 'Change password',
    oldPassword: 'Current password', newPassword: 'New password', confirmPassword: 'Confirm new password', changePassword: 'Change password',
    oldRequired: 'Enter the current password', newRequired: 'Enter a new password', mismatch: 'The two new passwords differ',
    rules: 'At least 10 characters mixing several of upper case, lower case, digits and symbols; not a common word; not containing the username.',
    hintLength: 'Shorter than 10', hintKinds: 'Few kinds of characters (use at least three of upper, lower, digits, symbols)', hintUsername: 'Contains the username',
    changed: 'Password changed', sessions: 'Sessions', sessionsHint: 'If a sign-in on another device was not you, end that session and change your password.',
    current: 'This session', totp: 'Two-step verification', totpOn: 'On: signing in also asks for the code shown by your authenticator.',
    totpOff: 'Off. When on, signing in also asks for the code shown by an authenticator app on your phone (FreeOTP, Google Authenticator…).',
    enrol: 'Turn on two-step verification', scan: 'Scan the QR code with your authenticator, or type the key:', secret: 'Key', code: 'One-time code',
    codeRequired: 'Enter the 6-digit code', confirmCode: 'Verify and turn on', totpDone: 'Two-step verification is on',
    continue: 'Continue',
  },
};

export default en;
