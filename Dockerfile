# careprint serve: the HTTP service and the front-desk page.
#   docker build -t careprint .
#   docker run -p 8080:8080 -e CAREPRINT_TOKENS=<token> -v /srv/clinic.json:/config/clinic.json:ro careprint
# The clinic's own file must be mounted: its name, address and phone numbers print on
# every document, so the image carries no clinic to fall back on, and the service will
# not start without one.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY scripts scripts
COPY src src
COPY web web
# The build renders the example visits once, to make the render worker's code cache.
COPY fonts fonts
COPY templates templates
COPY fixtures fixtures
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# glibc gives each thread that allocates its own malloc arena, up to 8 per core; the
# service's main thread, render workers and V8's helper threads each left memory in
# theirs. Two arenas kept the service 15-40 MB smaller under load, at the same speed,
# but in some runs its memory still climbed round after round (to 283-315 MB); with
# one it stayed flat at 228-254 MB, at the same rate (bench:server, alternating runs).
ENV MALLOC_ARENA_MAX=1
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY bin bin
COPY fonts fonts
COPY templates templates
COPY web/index.html web/style.css web/
USER node
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The main thread's young generation: V8's default (16 MB semi-spaces) let its heap grow
# to 60-90 MB under load; 2 MB keeps it near 30 MB, at the same rate and latency
# (bench:server, alternating runs). It applies to the render workers' young generation
# too, with the same result.
ENTRYPOINT ["node", "--max-semi-space-size=2", "bin/careprint.js", "serve"]
CMD ["--clinic", "/config/clinic.json", "--port", "8080"]
