# A client that says its last words and then waits to be killed: it
# connects, sends MESSAGE, prints "sent", and blocks reading its stdin.
# With "unread", it first waits for socklab's "ping" to arrive and leaves
# it unread, so the kernel answers the kill with RST instead of FIN.
# Usage: last_words.py PORT MESSAGE [unread]
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(10)
client.connect(("127.0.0.1", int(sys.argv[1])))
client.sendall(sys.argv[2].encode())
print("sent", flush=True)
if len(sys.argv) > 3:
    # Peek: the bytes stay queued, unread, when the process is killed.
    client.recv(4, socket.MSG_PEEK)
    print("ping queued", flush=True)
sys.stdin.read()
