import type zh from './zh-CN';

const en: typeof zh = {
  plan: {
    detailTitle: 'Annual plan', policy: 'Policy', revision: 'Rev. {n}', version: 'Data version {n}', updatedAt: 'Updated',
    shortfall: 'Shortfall', inspectors: 'Inspectors', leader: 'Leader', byCommunity: 'Screened by the community', keyPeriod: 'Key period',
    occurrence: '{n} of {m}', download: 'Download', copy: 'Copy', copied: 'Copied', copyFailed: 'Copy failed; select the text and copy it',
    warnings: 'Compilation notes ({n})', supersededBanner: 'This revision has been superseded and is read-only.', openLatest: 'Open the latest, rev. {n}',
    reapprovalBanner: 'Major adjustment: must be approved again by {f}',
    kind: { deterministic: 'Scheduled', random: 'Random', special: 'Campaign', leader_led: 'Leader-led', community_screening: 'Community screening' },
    cap: { inspections: 'Capacity', overridden: 'Set manually (computed {n})', perInspection: '{n} person-days per inspection', steps: 'Derivation' },
    sum: { perYear: 'inspections / year', units: 'Units planned', ofTotal: 'of {n}', items: '{n} items' },
    tabs: {
      calendar: 'Calendar', schedule: 'Team schedule', items: 'Items', shortfall: 'Shortfall ({n})', notPlanned: 'Not planned ({n})',
      draws: 'Random draws', loads: 'Workload', quotas: 'Leader quotas', revisions: 'Revisions',
    },
    list: {
      year: 'Year', allYears: 'All years', showOld: 'Show old revisions ({n})', create: 'New plan', title: 'Plan', revision: 'Revision',
      status: 'Status', detRand: 'Scheduled / random', items: 'Items', itemsUnits: '{n} items · {d} units', empty: 'No annual plans yet',
    },
    action: {
      confirm: 'Run “{f}” on “{name}”? You may add a note.', note: 'Note (optional)', rejectNote: 'Give the reason for returning it', done: '{f}: done',
      conflict: 'Not done', waiting: 'Waiting for: {f} (leader or administrator)',
    },
    adjust: {
      button: 'Adjust', title: 'Adjust plan (rev. {n})', reason: 'Reason', reasonHint: 'E.g. the unit closed, a new task from above',
      decidedOn: 'Decided on', declareMajor: 'Major adjustment', majorHint: 'A major adjustment must be approved again within 30 days', find: 'Find items',
      seq: 'No.', remove: 'Remove', move: 'Move', add: 'Add inspections', pickInspectors: 'Inspectors (at least 2)', more: '{n} found, first {d} shown',
      needReason: 'Give a reason', needChange: 'Remove, move or add at least one item', problems: '{n} problems', submit: 'Submit adjustment',
      done: 'Revision {n} created', openNew: 'Open rev. {n}',
    },
    dl: { pdf: 'Plan document (PDF)', xlsx: 'Items (Excel)', json: 'Plan data (JSON)' },
    cal: {
      month: 'Month', monthLabel: 'Month {n} ({d})', monthTotal: '{n} items this month', prev: 'Previous month', next: 'Next month', off: 'Day off',
      items: '{n} items', none: 'Nothing scheduled', offDay: 'Day off, nothing scheduled', hint: 'Click a day to list its items',
    },
    col: {
      date: 'Date', kind: 'Kind', unit: 'Unit', community: 'Community / grid', rule: 'Rule', note: 'Note', code: 'Credit code',
      reason: 'Reason', employeeNo: 'No.', name: 'Name',
    },
    filter: { month: 'Month', kind: 'Kind', inspector: 'Inspector', community: 'Community', unit: 'Unit', unitHint: 'Unit name or credit code' },
    sched: { count: '{n} items', summary: '{n} items on {d} days, {p} of them led' },
    np: { search: 'Unit name / credit code', total: '{n} units not planned' },
    sf: { none: 'No shortfall: every rule is fully planned', required: 'Required', planned: 'Planned', wholeRule: '(whole rule)', line: 'required {n}, planned {d}' },
    draw: {
      seed: 'Seed', commitment: 'Seed commitment (SHA-256)', committedAt: 'Committed at', inputHash: 'Input snapshot hash', verify: 'Verify',
      verifyHint: 'The server redraws and recompiles from the revealed seed and compares', allOk: '✓ All checks passed', someBad: '✗ Verification failed',
      localCheck: 'SHA-256(seed) computed in this browser matches the commitment', records: 'Draws', none: 'This plan has no random draws',
      line: 'pool {n}, eligible {d}, required {p}, drawn {f}', codes: '{n} units drawn (click for details)',
    },
    load: { team: 'Team items', led: 'Led items', max: 'Highest load', min: 'Lowest load', spread: 'Spread', note: 'Load counts team items (not leader-led ones)' },
    quota: { met: 'Met', none: 'This plan has no leader quotas' },
    rev: { current: 'Shown', original: 'Original compilation', events: 'Events of rev. {n}', user: 'user #{n}' },
    diff: {
      major: 'Major adjustment', minor: 'Minor adjustment (filed)', due: 'Re-approval due by {f}', units: 'Units planned {n} → {d}',
      added: '{n} added', removed: '{n} removed', moved: '{n} moved',
    },
    explain: {
      title: 'Why a unit is (not) in the plan', placeholder: 'Credit code', go: 'Explain', planned: 'In the plan, {n} inspections',
      notPlanned: 'Not in the plan', rules: 'Rules', items: 'Inspections', empty: 'Type a credit code or click any unit name',
    },
    rules: {
      source: 'Source', frequency: 'Frequency', random: 'Random draws', special: 'Campaigns', leader: 'Leader-led', periods: 'Key periods',
      ratio: 'ratio {p}%', stratified: 'stratified by community', fill: 'fills the remaining capacity', excludeRecent: 'skips units inspected in the last {n} months',
      beforeHolidays: 'before {f}', inMonths: 'months {f}', perCampaign: '{n} units per campaign', daysBefore: '{n} working days before holidays', optional: 'optional',
      scope: 'Scope',
    },
    wiz: {
      title: 'Compile an annual plan', s1: 'Year & policy', s2: 'Seed commitment', s3: 'Capacity', s4: 'Compile', year: 'Year',
      calendar: '{n} working days, {d} holidays:', preset: 'Policy preset', json: 'Advanced: edit the policy JSON',
      jsonEdited: '(edited: a custom policy will be used)', jsonHint: 'An edited policy is sent as policy_json instead of the preset.', jsonInvalid: 'Invalid JSON: {f}',
      jsonNotObject: 'The policy JSON must be an object', jsonReset: 'Restore preset', seedWarnTitle: 'Keep the seed safe',
      seedWarn: 'The seed is drawn in your browser and only its SHA-256 (the commitment) is sent now. The seed is revealed when the plan is compiled, so anyone can check that the random draw was not manipulated afterwards. Keep this page open until compiling, and copy or download the seed.',
      seed: 'Seed', seedHint: 'At least {n} characters, no surrounding blanks', generate: 'Regenerate', hash: 'SHA-256 (commitment)', commit: 'Commit',
      committed: 'Commitment recorded; the seed will be checked against it when compiling.', commitmentId: 'Commitment no.', saveSeed: 'Download seed file',
      seedFile: 'Seed of the {n} annual inspection plan', override: 'Set the capacity manually (inspections)', recompute: 'Recompute', stale: 'Inputs changed: recompute',
      previewSummary: 'About {n} items; {d} of {p} units planned, {f} not planned.', shortfallHead: '{n} shortfall entries (first 8)',
      compileNote: 'Compiling reveals the seed and runs the random draws, scheduling and team assignment; it takes a few seconds.', compile: 'Compile', compiling: 'Compiling…',
      compiled: 'Plan compiled: {n} items', notAllowed: 'This account may not compile plans (administrators and inspectors only)',
    },
  },
};

export default en;
