import WebSocket from 'ws';
const n = Number(process.argv[2]); let frames = 0, errors = [];
for (let i = 0; i < n; i++) {
  const ws = new WebSocket('ws://127.0.0.1:18300/ws?frames=binary', ['v12.stomp']);
  ws.on('open', () => { ws.send('CONNECT\naccept-version:1.2\nhost:x\nheart-beat:0,0\n\n\0'); ws.send('SUBSCRIBE\nid:sub-0\ndestination:/topic/prices\n\n\0'); });
  ws.on('message', () => frames++);
  ws.on('error', e => errors.push(String(e)));
}
setTimeout(() => { console.log('frames', frames, 'per conn', frames / n, 'errors', errors.length, errors.slice(0, 2)); process.exit(0); }, 6000);
