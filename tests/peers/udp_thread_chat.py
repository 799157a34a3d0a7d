# The tutorials' UDP two-way chat with threads: bind a port, run a receiving
# thread (recvfrom in a loop, printing) beside a sending one (sendto the
# other's port, one message per stdin line). "88" from the peer ends the
# receiver; EOF on stdin ends the sender.
#   udp_thread_chat.py PEER_PORT     prints its own port first
import socket
import sys
import threading

chat = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
chat.bind(("127.0.0.1", 0))
print(chat.getsockname()[1], flush=True)
peer = ("127.0.0.1", int(sys.argv[1]))


def receive():
    while True:
        data, addr = chat.recvfrom(1024)
        print("received:", data.decode(), "from", addr[1], flush=True)
        if data == b"88":
            break


receiver = threading.Thread(target=receive)
receiver.start()
for line in sys.stdin:
    chat.sendto(line.rstrip("\n").encode(), peer)
receiver.join()
chat.close()
