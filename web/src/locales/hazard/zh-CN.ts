// Messages of the hazard pages (merged when those pages load, so they stay out of the initial bundle).
export default {
  hazard: {
    all: '全部', total: '共 {n} 条', register: '登记隐患', unit: '单位', description: '隐患描述', grade: '隐患等级',
    state: '状态', deadline: '整改期限', foundOn: '发现日期', legalBasis: '法律依据', reviewRound: '复查不通过次数',
    createdAt: '登记时间', updatedAt: '更新时间', version: '版本', overdue: '逾期', dueSoon: '三日内到期',
    overdueTag: '已逾期', dueSoonTag: '即将到期', searchPlaceholder: '单位名称 / 隐患描述', noDeadline: '未下达',
    empty: '暂无隐患', ownUnit: '仅显示本单位的隐患', stateChips: '按状态筛选', detail: '隐患详情',
    filter: { grade: '等级', flags: '期限' },
    reg: {
      title: '登记隐患', unit: '检查单位', unitHint: '输入单位名称或统一社会信用代码搜索', unitRequired: '请选择单位',
      descRequired: '请填写隐患描述', descHint: '隐患部位、现状及可能后果', basisHint: '例如：《安全生产法》第四十一条',
      submit: '登记', done: '隐患已登记', noUnit: '没有找到匹配的单位',
    },
    det: {
      basic: '基本信息', loop: '闭环进度', closure: '重大隐患销号条件', closureProgress: '已满足 {n}/{m} 项',
      closureHint: '重大隐患须挂牌督办、上报上级、三方签字并验收合格后方可销号', done: '已完成', todo: '未完成',
      actions: '办理', noActions: '当前账号在此状态下没有可办理的事项', timeline: '处置记录', timelineEmpty: '暂无记录',
      user: '用户 #{n}', me: '我', signatures: '已签字', none: '无',
    },
    act: {
      confirm: '确定执行“{f}”吗？', deadline: '整改期限', deadlineRequired: '请选择整改期限', deadlinePast: '整改期限不能早于今天',
      days: '{n} 天', level: '督办级别', levelRequired: '请填写督办级别', leader: '督办领导', leaderRequired: '请填写督办领导',
      signAs: '以“{f}”身份签字', note: '备注（可选）', noteHint: '整改情况、复查意见等', submit: '确定', done: '已{f}',
      failed: '操作未执行',
    },
  },
};
