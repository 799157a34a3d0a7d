# A tutorial server that closes first: it greets one client, closes the
# connection before the client does, and exits — so its side of the
# connection is left in TIME_WAIT. With the argument `reuse` it sets
# SO_REUSEADDR on its listener before bind, as careful servers do (the
# accepted connection takes it from the listener).
# Prints its port first, and `closed` once both its sockets are closed.
import socket
import sys

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
if sys.argv[1:] == ["reuse"]:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(1)
print(server.getsockname()[1], flush=True)
conn, addr = server.accept()
conn.sendall(b"bye")
conn.close()
server.close()
print("closed", flush=True)
