# Sourced by the scripts that run Terraform or OpenTofu on the acceptance
# tests and benchmarks (testacc.sh, bench.sh).
#
# A TF_CLI_CONFIG_FILE naming a file that does not exist makes both CLIs
# print a warning before `version`, which terraform-plugin-testing cannot
# parse. Nothing here needs the caller's CLI configuration: the tests that
# run a CLI themselves write their own (dev_overrides).
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  unset TF_CLI_CONFIG_FILE
fi
export CHECKPOINT_DISABLE=1
