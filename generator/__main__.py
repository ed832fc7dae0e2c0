"""`python -m generator`: the command line. A bug (an exception nothing expected) ends with a bug report on
stderr and exit status 3, so a script or a clerk can tell it from refused data (1) and refused settings (2)."""
import os
import sys
import traceback

from .cli import main
from .cli.common import EXIT_BUG


def bug_report(exc_type, value, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, value, tb)
        return
    traceback.print_exception(exc_type, value, tb)
    print("\n程序内部错误（不是数据或设置的问题），网站未生成，原有网站保持不变。"
          "请把以上全部内容和所用的命令发给维护人员。", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_BUG)  # the interpreter would exit with 1, which means "data errors"


sys.excepthook = bug_report
sys.exit(main())
