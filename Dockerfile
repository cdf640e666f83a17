# syntax=docker/dockerfile:1
# kg: a static binary in a distroless image, running as a non-root user.
#   docker build -t kg .
#   docker run --rm -p 127.0.0.1:8080:8080 -e NEO4J_URI=bolt://HOST:7687 \
#     -e NEO4J_USER=neo4j -e NEO4J_PASSWORD=... -e KG_TOKEN=... kg
# kg serve refuses to listen beyond loopback without KG_TOKEN (16 bytes or
# more); its reads then need the token too unless --public-reads.
# docker-compose.yml runs it beside Neo4j.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/kg ./cmd/kg

# static-debian12 has CA certificates (for neo4j+s:// and Aura) and tzdata,
# and its nonroot tag runs as uid 65532.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kg /usr/local/bin/kg
USER nonroot:nonroot
ENV KG_STORE=neo4j
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/kg"]
CMD ["serve", "--store", "neo4j", "--addr", "0.0.0.0:8080"]
