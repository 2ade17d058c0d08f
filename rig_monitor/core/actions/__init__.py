"""Acting on miners safely: capability lookup, dry run, staggering, rate limits and the action log.

The protocol work is the drivers' (``core/drivers/control``); this package decides *whether*,
*when* and *in what order*, and writes down what happened.
"""
