# syntax=docker/dockerfile:1
# Debian (glibc), not Alpine: the embedded PostgreSQL binaries need glibc.
ARG NODE_VERSION=20.20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY examples ./examples
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    RETRACE_DATA_DIR=/var/lib/retrace
WORKDIR /app
# Only used without DATABASE_URL (embedded PostgreSQL); PostgreSQL refuses root, so we run as node.
RUN mkdir -p /var/lib/retrace && chown node:node /var/lib/retrace
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
VOLUME ["/var/lib/retrace"]
EXPOSE 3000
# HOST=0.0.0.0 is refused without RETRACE_API_KEYS: pass them at run time, never bake them in.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/orchestrator/src/main.js"]
