"""Progress of the policy tasks of the programmes (national: no province column)."""

from dashboard import vocab
from dashboard.kinds import common
from dashboard.kinds.base import RecordKind, columns
from dashboard.kinds.common import OPT, REQ
from dashboard.models import PolicyTask
from dashboard.permission_scopes import ALL

KIND = RecordKind(
    key="task_progress",
    columns=columns(
        ("task_code", "任务编号", "Task code", "task", REQ, None, ("任务代码",)),
        ("status", "状态", "Status", "enum", REQ, "task_status", ("任务状态",)),
        ("progress_pct", "进度(%)", "Progress (%)", "pct", REQ, None, ("进度", "完成进度")),
        ("update_date", "更新日期", "Update date", "date", REQ, None, ("日期",)),
        ("department", "部门", "Department", "department", OPT, None, ("报送部门", "牵头部门")),
        common.EVIDENCE,
        common.NOTE,
    ),
    unique=("task_code", "update_date"),
    enums={"task_status": vocab.TASK_STATUSES},
    model=PolicyTask,
    record_key=("task_code",),
    model_key=("code",),
    planner="task",
    province_column=None,
    status_group="task_status",
    record_type="policy_task",
    registry_page="tasks.py",
    edit_action="edit_task",
    editors=(("ministry", ALL),),  # the policy tasks and their milestones: national
)
