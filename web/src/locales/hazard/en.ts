import type zh from './zh-CN';

const en: typeof zh = {
  hazard: {
    all: 'All', total: '{n} in total', register: 'Register hazard', unit: 'Unit', description: 'Description', grade: 'Grade',
    state: 'State', deadline: 'Deadline', foundOn: 'Found on', legalBasis: 'Legal basis', reviewRound: 'Failed re-inspections',
    createdAt: 'Registered', updatedAt: 'Updated', version: 'Version', overdue: 'Overdue', dueSoon: 'Due in 3 days',
    overdueTag: 'Overdue', dueSoonTag: 'Due soon', searchPlaceholder: 'Unit name / description', noDeadline: 'Not issued',
    empty: 'No hazards', ownUnit: "Only your unit's hazards are shown", stateChips: 'Filter by state', detail: 'Hazard',
    filter: { grade: 'Grade', flags: 'Deadline' },
    reg: {
      title: 'Register hazard', unit: 'Unit', unitHint: 'Search by unit name or credit code', unitRequired: 'Choose a unit',
      descRequired: 'Describe the hazard', descHint: 'Where, what and possible consequences', basisHint: 'e.g. Work Safety Law art. 41',
      submit: 'Register', done: 'Hazard registered', noUnit: 'No matching unit',
    },
    det: {
      basic: 'Basics', loop: 'Closed loop', closure: 'Closure conditions (major hazard)', closureProgress: '{n}/{m} met',
      closureHint: 'A major hazard is closed only after supervision, a report to the superior, three signatures and acceptance',
      done: 'Done', todo: 'Missing', actions: 'Actions', noActions: 'Nothing for your account to do in this state',
      timeline: 'Timeline', timelineEmpty: 'No entries', user: 'User #{n}', me: 'Me', signatures: 'Signed by',
      none: 'None',
    },
    act: {
      confirm: 'Perform "{f}"?', deadline: 'Deadline', deadlineRequired: 'Choose a deadline', deadlinePast: 'The deadline cannot be in the past',
      days: '{n} days', level: 'Supervision level', levelRequired: 'Enter the level', leader: 'Supervising leader',
      leaderRequired: 'Enter the leader', signAs: 'Sign as "{f}"', note: 'Note (optional)', noteHint: 'Rectification, review opinion…',
      submit: 'OK', done: '{f}: done', failed: 'Not performed',
    },
  },
};

export default en;
