# n8n with n8n-nodes-clinical-scribe baked in: the image for queue-mode workers (and the main) on
# machines of their own, so every process runs the same n8n and the same package version.
# Not built by the project's tests (no image registry here); see the README, "Queue mode".
#
#   npm ci && npm run build && npm pack          # → n8n-nodes-clinical-scribe-<version>.tgz
#   docker build --build-arg PACKAGE_TARBALL=n8n-nodes-clinical-scribe-<version>.tgz -t clinic/n8n-clinical-scribe .

# The n8n every process of the instance runs (the version this package is tested on).
ARG N8N_VERSION=2.41.1

# The package is installed the way n8n's community-package installer does it: `npm install` of the
# package into a folder whose node_modules n8n scans at start-up (~/.n8n/nodes). Done in a plain
# Node image, so the n8n image needs no npm; the package's dependencies are plain JavaScript.
FROM node:24-alpine AS package
ARG PACKAGE_TARBALL
WORKDIR /nodes
COPY ${PACKAGE_TARBALL} /tmp/n8n-nodes-clinical-scribe.tgz
RUN printf '{"name":"installed-nodes","private":true,"dependencies":{}}\n' > package.json \
	&& npm install --omit=peer --omit=dev --no-audit --no-fund /tmp/n8n-nodes-clinical-scribe.tgz

FROM docker.n8n.io/n8nio/n8n:${N8N_VERSION}
COPY --from=package --chown=node:node /nodes /home/node/.n8n/nodes
# An unverified community package (README, "Supported n8n"): enabled explicitly.
ENV N8N_COMMUNITY_PACKAGES_ENABLED=true \
	N8N_UNVERIFIED_PACKAGES_ENABLED=true
