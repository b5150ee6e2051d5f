#!/usr/bin/python3
"""Run the installed sos with packaging/sos/fwctl.py, without touching the system.

usage: sos_with_plugin.py PLUGIN_DIR EXTRA_PATH -- SOS_ARGS...

sos (4.0 and later) finds plugins by walking sos.report.plugins.__path__, so
appending PLUGIN_DIR there makes it import PLUGIN_DIR/fwctl.py as
sos.report.plugins.fwctl, as if it were installed.  (If a fwctl.py is already
installed in sos's plugin directory, it must be identical to PLUGIN_DIR's.)  sos's policy also resets
PATH to a fixed list at start-up; EXTRA_PATH (the build directory of
fwctl-report) is put back in front of it so the plugin runs the built binary.
This test harness is the only place that patches sos; the plugin does not.
"""

import os
import sys


def main(argv):
    if len(argv) < 4 or argv[3] != '--':
        sys.stderr.write(__doc__)
        return 2
    plugin_dir, extra_path, sos_args = argv[1], argv[2], argv[4:]

    import sos.report.plugins
    import sos.policies
    ours = os.path.join(os.path.abspath(plugin_dir), 'fwctl.py')
    installed = [os.path.join(d, 'fwctl.py') for d in sos.report.plugins.__path__
                 if os.path.exists(os.path.join(d, 'fwctl.py'))]
    if installed:
        # sos would load the installed copy and ignore ours: only go on if it
        # is the same file, so that the test still tests this tree's plugin.
        with open(ours, 'rb') as a, open(installed[0], 'rb') as b:
            if a.read() != b.read():
                sys.stderr.write('%s differs from %s; remove or update it\n'
                                 % (installed[0], ours))
                return 3
    else:
        sos.report.plugins.__path__.append(os.path.dirname(ours))

    orig_set_exec_path = sos.policies.Policy.set_exec_path

    def set_exec_path(self):
        orig_set_exec_path(self)
        os.environ['PATH'] = extra_path + os.pathsep + os.environ['PATH']

    sos.policies.Policy.set_exec_path = set_exec_path

    from sos import SoS
    SoS(sos_args).execute()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
