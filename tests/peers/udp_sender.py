# The UDP sender from the tutorials: sendto each message, then close.
# Usage: udp_sender.py PORT MESSAGE... It prints its own port first.
import os
import socket

# The tutorials' own text encoding: the Chinese ones use 'gbk'.
ENCODING = os.environ.get("PEER_ENCODING", "utf-8")
import sys

sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sender.bind(("127.0.0.1", 0))
print(sender.getsockname()[1], flush=True)
for message in sys.argv[2:]:
    sender.sendto(message.encode(ENCODING), ("127.0.0.1", int(sys.argv[1])))
sender.close()
