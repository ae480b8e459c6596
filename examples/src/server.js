// Minimal orders API: GET /healthz, GET /orders/:id.
const http = require('node:http');

const orders = new Map([['1001', { id: '1001', status: 'shipped' }]]);

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200).end('ok');
    return;
  }
  const m = /^\/orders\/(\w+)$/.exec(req.url ?? '');
  const order = m && orders.get(m[1]);
  res.writeHead(order ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(order ?? { error: 'not found' }));
});

server.listen(Number(process.env.PORT ?? 8080));
