# sos report plugin for fwctl-report (https://github.com/sosreport/sos).
#
# Install as <sos>/report/plugins/fwctl.py (Debian/Ubuntu:
# /usr/lib/python3/dist-packages/sos/report/plugins/fwctl.py).
#
# Collects, read-only:
#   sos_commands/fwctl/fwctl-report_--list        device list, no RPC sent
#   sos_commands/fwctl/fwctl-report/               report.yaml, manifest.yaml,
#                                                  devices/*.yaml, ...
#   sos_commands/fwctl/fwctl-report_--output-dir   the tool's own stdout/stderr
#
# The report goes in as plain YAML files (fwctl-report --output-dir), never as a
# nested tarball: `sos clean` / `sos report --clean` deletes nested *.tar.* files.
#
# Written against sos 4.0 (Debian 12) and later:
#  - sos 4.0 loads only classes tagged with the running policy's distro class, so
#    the plugin carries RedHatPlugin, DebianPlugin and UbuntuPlugin besides
#    IndependentPlugin (an IndependentPlugin-only plugin is silently ignored there).
#  - PluginOpt exists only from sos 4.3 on; with older sos the option is the
#    (name, desc, speed, default) tuple that 4.0 expects.
#
# Options:
#   -k fwctl.timeout=N   per-command timeout for fwctl-report, in seconds.  This is
#                        sos's own per-plugin `timeout` option (declared here to
#                        document it), so in sos 4.0 it also bounds the whole plugin.
#                        Unset (-1): DEFAULT_CMD_TIMEOUT per command, sos's default
#                        (300 s, or --plugin-timeout) for the plugin.
#
# Not yet: a `redact` option (default on, passing --redact) is planned in issue 5,
# but fwctl-report has no --redact option yet; add it here when the tool has it.

import os

from sos.report.plugins import (Plugin, IndependentPlugin, RedHatPlugin,
                                DebianPlugin, UbuntuPlugin)
from sos.utilities import is_executable

try:
    from sos.report.plugins import PluginOpt
except ImportError:  # sos < 4.3 (e.g. 4.0 in Debian 12)
    PluginOpt = None


def _int_opt(name, default, desc):
    if PluginOpt is not None:
        return PluginOpt(name, default=default, desc=desc, val_type=int)
    return (name, desc, 'fast', default)


class Fwctl(Plugin, IndependentPlugin, RedHatPlugin, DebianPlugin,
            UbuntuPlugin):

    short_desc = 'fwctl device firmware state (fwctl-report)'
    plugin_name = 'fwctl'
    profiles = ('hardware', 'system')
    commands = ('fwctl-report',)
    files = ('/sys/class/fwctl',)

    # fwctl-report bounds each device and RPC itself; this is the outer bound.
    DEFAULT_CMD_TIMEOUT = 120

    option_list = [
        _int_opt('timeout', -1,
                 'timeout in seconds for each fwctl-report command '
                 '(also the plugin timeout); -1: default'),
    ]

    def check_enabled(self):
        # Both the tool and fwctl devices are needed (the default check is OR).
        return (is_executable('fwctl-report') and
                os.path.isdir(self.join_sysroot('/sys/class/fwctl')))

    def _cmd_timeout(self):
        try:
            val = int(self.get_option('timeout'))
        except (TypeError, ValueError):
            val = -1
        return val if val > 0 else self.DEFAULT_CMD_TIMEOUT

    def setup(self):
        timeout = self._cmd_timeout()

        # Device list only (sysfs/udev, no RPC): kept even if collection fails.
        self.add_cmd_output('fwctl-report --list', timeout=timeout)

        # The report as a plain YAML tree inside this plugin's command output
        # directory: sos_commands/fwctl/fwctl-report/.  make=False: the tool
        # creates the directory (and sos 4.0's makedirs has no exist_ok).
        outdir = self.get_cmd_output_path(name='fwctl-report', make=False)
        # sos kills a command at its timeout, and then nothing is written; so
        # fwctl-report stops collecting (--max-time) early enough to write the
        # devices it has, the late ones marked timed_out.
        max_time = timeout - 20 if timeout > 40 else max(1, timeout // 2)
        self.add_cmd_output('fwctl-report --quiet --max-time %d --output-dir %s'
                            % (max_time, outdir),
                            suggest_filename='fwctl-report_--output-dir',
                            timeout=timeout)

# vim: set et ts=4 sw=4 :
