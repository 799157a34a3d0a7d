# The UDP receiver from the tutorials: bind, then recvfrom in a loop,
# printing each datagram and its sender, until "88" ends it.
# It prints its port first, so the test knows where to send.
import os
import socket

# The tutorials' own text encoding: the Chinese ones use 'gbk'.
ENCODING = os.environ.get("PEER_ENCODING", "utf-8")

receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
receiver.bind(("127.0.0.1", 0))
receiver.settimeout(10)
print(receiver.getsockname()[1], flush=True)
while True:
    data, addr = receiver.recvfrom(1024)
    print(data.decode(ENCODING), addr[1], flush=True)
    if data == b"88":
        break
receiver.close()
