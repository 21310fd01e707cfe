# ChatServer images, built from the repository root (docker-compose.yml builds both targets):
#   target chat (the default, last stage): one ChatServer instance on :8080, as the non-root user "app"
#   target web: nginx with wwwroot/ (the page and the SignalR JavaScript client) at /srv/nginx/wwwroot;
#               docker-compose.yml mounts ../nginx.conf beside it

# The official SignalR JavaScript client and its MessagePack protocol, from npm at the versions package-lock.json pins.
FROM node:20-alpine AS jsclient
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# global.json is left out on purpose: it pins a local SDK feature band the image need not have.
COPY Directory.Build.props Directory.Packages.props ./
COPY ChatServer/ChatServer.csproj ChatServer/
COPY ChatServer.Contracts/ChatServer.Contracts.csproj ChatServer.Contracts/
RUN dotnet restore ChatServer/ChatServer.csproj
COPY ChatServer/ ChatServer/
COPY ChatServer.Contracts/ ChatServer.Contracts/
COPY wwwroot/ wwwroot/
# In place before the build, so ChatServer.csproj copies them to the output and never needs npm here.
COPY --from=jsclient /src/node_modules/@microsoft/signalr/dist/browser/signalr.min.js \
                     /src/node_modules/@microsoft/signalr/dist/browser/signalr.min.js.map \
                     /src/node_modules/@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js \
                     /src/node_modules/@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js.map \
                     wwwroot/lib/
RUN dotnet publish ChatServer/ChatServer.csproj -c Release -o /app --no-restore

FROM nginx:1.27-alpine AS web
COPY --from=build /src/wwwroot /srv/nginx/wwwroot
EXPOSE 8080
# nginx.conf keeps its pid and temp folders under the prefix; errors and access log go to the container log.
CMD ["nginx", "-p", "/srv/nginx/", "-c", "nginx.conf", "-e", "stderr", "-g", "daemon off;"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0-alpine AS chat
WORKDIR /app
COPY --from=build /app ./
# "Urls" (not ASPNETCORE_URLS, which appsettings.json's Urls would override) binds all interfaces of the container.
ENV Urls=http://+:8080
EXPOSE 8080
USER app
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=5 \
    CMD wget -q -O /dev/null http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "ChatServer.dll"]
