# Avtalsuppföljning: production image. State lives in SharePoint (tenant mode),
# so any number of containers can run behind a load balancer.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/local-graph/package.json ./api/local-graph/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3978
# LibreOffice prints the history exports' Word documents as PDF; Carlito stands in for Calibri.
RUN apt-get update \
  && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-crosextra-carlito \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/local-graph/package.json ./api/local-graph/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The local Graph service (a workspace package, run as TypeScript by Node 24) is imported by the
# server even in tenant mode, where it is never started.
COPY api/local-graph/src ./api/local-graph/src
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3978
# /healthz asks SharePoint (at most every 10 s) and waits through its retries when the app's
# budget is spent: unhealthy only after five minutes of failures, never from one slow answer.
HEALTHCHECK --interval=60s --timeout=60s --start-period=120s --retries=5 CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server/scripts/start.js"]
