"""The storage layer: every file format the toolkit reads or writes, each reader beside its writer.

    output.py   where a command writes: `-` for standard output, never over its own inputs, never over a
                file that is not its own earlier output without --force

Nothing here knows about drafting, checking or aligning; the stages above hand records down and get records back.
"""
