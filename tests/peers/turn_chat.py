# The tutorials' TCP turn-taking chat. Instead of a person typing, each
# reply is scripted.
#   turn_chat.py server          prints its port; reads a message, answers
#                                "got: MESSAGE", until "end"
#   turn_chat.py client PORT M…  sends each message, waits for the answer,
#                                prints it; "end" is sent last
import os
import socket

# The tutorials' own text encoding: the Chinese ones use 'gbk'.
ENCODING = os.environ.get("PEER_ENCODING", "utf-8")
import sys

if sys.argv[1] == "server":
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    print(server.getsockname()[1], flush=True)
    conn, _ = server.accept()
    conn.settimeout(10)
    while True:
        data = conn.recv(1024)
        print(data.decode(ENCODING), flush=True)
        if not data or data == b"end":
            break
        conn.sendall("got: ".encode(ENCODING) + data)
    conn.close()
    server.close()
else:
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.settimeout(10)
    client.connect(("127.0.0.1", int(sys.argv[2])))
    for message in sys.argv[3:]:
        client.sendall(message.encode(ENCODING))
        print(client.recv(1024).decode(ENCODING), flush=True)
    client.sendall(b"end")
    client.close()
