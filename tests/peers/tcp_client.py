# The TCP client from the tutorials: connect, send, wait for the reply,
# print it, close. Usage: tcp_client.py PORT MESSAGE
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(10)
client.connect(("127.0.0.1", int(sys.argv[1])))
client.sendall(sys.argv[2].encode())
reply = client.recv(1024)
print(reply.decode(), flush=True)
client.close()
