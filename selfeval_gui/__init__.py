"""selfeval_gui: prepares a department's 部门整体支出预算绩效自评报告."""

__version__ = "0.1.0"
