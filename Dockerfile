# syntax=docker/dockerfile:1
# One image for the whole stack. docker-compose.yml builds the `service` target for every
# back-end service (each with its own command) and the `web` target for the dashboard.
# There is no compile step: services run their TypeScript with tsx.

ARG NODE_VERSION=20.19
ARG PNPM_VERSION=10.34.8

FROM node:${NODE_VERSION}-bookworm-slim AS base
ARG PNPM_VERSION
ENV CI=true
RUN npm install --global "pnpm@${PNPM_VERSION}"
WORKDIR /app

# Dependencies into pnpm's store from the lockfile alone: cached until the lockfile changes.
FROM base AS fetch
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch

# The workspace, installed offline from that store.
FROM fetch AS workspace
COPY . .
RUN pnpm install --frozen-lockfile --offline

# Every back-end service; the command is set per service (default: migrations + streams, then exit).
FROM workspace AS service
ENV NODE_ENV=production LOG_FORMAT=json
USER node
CMD ["node", "--import", "tsx", "services/devrunner/src/main.ts", "--setup"]

# The SvelteKit dashboard (adapter-node), built here and served by web/server.js.
FROM workspace AS web
RUN pnpm --filter @livegate/web build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app/web
USER node
EXPOSE 3000
CMD ["node", "server.js"]
