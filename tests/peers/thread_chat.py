# The tutorials' free two-way TCP chat: after connecting, one thread keeps
# receiving and printing while the main thread sends — both directions at
# once on one connection. Messages to send come from stdin, one per line
# (the test plays the person typing); EOF on stdin shuts down writing, and
# the program ends when the peer has closed too.
#   thread_chat.py server    prints its port, accepts one connection
#   thread_chat.py client PORT
import socket
import sys
import threading

if sys.argv[1] == "server":
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    print(server.getsockname()[1], flush=True)
    conn, _ = server.accept()
    server.close()
else:
    conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    conn.connect(("127.0.0.1", int(sys.argv[2])))
    print("connected", flush=True)


def receive():
    while True:
        data = conn.recv(1024)
        if not data:
            print("peer closed", flush=True)
            break
        print("received:", data.decode(), flush=True)


receiver = threading.Thread(target=receive)
receiver.start()
for line in sys.stdin:
    conn.sendall(line.rstrip("\n").encode())
conn.shutdown(socket.SHUT_WR)
receiver.join()
conn.close()
