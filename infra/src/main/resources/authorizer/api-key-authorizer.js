'use strict';
// The caller's API key, from "Authorization: Bearer <key>" or "x-api-key: <key>" (header names in any case), handed to
// API Gateway as the usage identifier key: API Gateway itself checks it against the stage's usage plans. No key, or
// two different ones: "Unauthorized", which API Gateway answers with 401.
const BEARER = /^Bearer[ \t]+(\S+)$/i;

function keysIn(event) {
  const keys = new Set();
  const multi = event.multiValueHeaders || {};
  const single = event.headers || {};
  for (const name of new Set([...Object.keys(multi), ...Object.keys(single)])) {
    const header = name.toLowerCase();
    if (header !== 'x-api-key' && header !== 'authorization') continue;
    const values = Array.isArray(multi[name]) ? multi[name] : [single[name]];
    for (const raw of values) {
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (header === 'x-api-key' && value !== '') keys.add(value);
      const bearer = header === 'authorization' ? BEARER.exec(value) : null;
      if (bearer) keys.add(bearer[1]);
    }
  }
  return keys;
}

exports.handler = async (event) => {
  const keys = keysIn(event);
  if (keys.size !== 1) throw new Error('Unauthorized');
  return {
    principalId: 'api-key',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
    },
    usageIdentifierKey: keys.values().next().value,
  };
};
