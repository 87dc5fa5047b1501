#!/usr/bin/env python3
"""The kernel's cost of one small write on loopback TCP: the floor under "server CPU per delivery".

A server that sends every subscriber its own copy of a message makes one write per delivery (unless the client is
behind and several frames leave together). This opens N connections on 127.0.0.1, writes ROUNDS messages of SIZE
bytes to each in turn with Nagle off, as the fan-out does, and reports the writer's kernel CPU per write; a second
process reads everything with epoll, as the load tool does, and reports its own cost per message. No JVM, no
WebSocket, no STOMP: whatever the service spends per delivery beyond this is its own.

Usage: bench/write-floor.py [SIZE (1600)] [N (2000)] [ROUNDS (100)]
"""
import multiprocessing
import os
import select
import socket
import sys


def read_all(listener, connections, total, report):
    peers = [listener.accept()[0] for _ in range(connections)]
    poller = select.epoll()
    by_fd = {}
    for peer in peers:
        peer.setblocking(False)
        poller.register(peer.fileno(), select.EPOLLIN)
        by_fd[peer.fileno()] = peer
    received = 0
    while received < total:
        for fd, _ in poller.poll():
            try:
                while True:
                    chunk = by_fd[fd].recv(65536)
                    if not chunk:
                        break
                    received += len(chunk)
            except BlockingIOError:
                pass
    times = os.times()
    report.put((times.user, times.system))


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1600
    connections = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    writes = connections * rounds
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4096)
    report = multiprocessing.Queue()
    reader = multiprocessing.Process(target=read_all, args=(listener, connections, writes * size, report))
    reader.start()
    sockets = []
    for _ in range(connections):
        sock = socket.create_connection(listener.getsockname())
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sockets.append(sock)
    message = b"x" * size
    before = os.times()
    for _ in range(rounds):
        for sock in sockets:
            sock.sendall(message)
    after = os.times()
    reader_user, reader_system = report.get()
    reader.join()
    per_write = 1e6 / writes
    print(f"{writes} writes of {size} bytes over {connections} connections")
    print(f"writer: kernel {(after.system - before.system) * per_write:.1f} us per write "
          f"(user {(after.user - before.user) * per_write:.1f} us, Python's own loop)")
    print(f"reader: kernel {reader_system * per_write:.1f} us per message, user {reader_user * per_write:.1f} us")


if __name__ == "__main__":
    main()
