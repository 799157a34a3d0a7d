# The TCP echo server from the tutorials: socket, bind, listen, accept,
# recv until EOF and send everything back. It serves one client, then exits.
# It prints its port first, so the test knows where to connect.
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(10)
print(server.getsockname()[1], flush=True)
conn, addr = server.accept()
while True:
    data = conn.recv(1024)
    if not data:
        break
    conn.sendall(data)
conn.close()
server.close()
print("served", addr[1], flush=True)
