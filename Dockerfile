# Two images from one build: `--target server` (API + indexers + Hangfire jobs) and `--target web` (Blazor UI), both
# .NET 10 framework-dependent on the ASP.NET Core runtime image. The server image carries licenses/ (Hangfire is LGPL-3.0).
# Used by docker-compose.yml; the README's two commands do not need Docker.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Dashboard.Server/Dashboard.Server.csproj -c Release -o /out/server \
 && dotnet publish src/Dashboard.Web/Dashboard.Web.csproj -c Release -o /out/web

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS server
WORKDIR /app
COPY --from=build /out/server .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Dashboard.Server.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS web
WORKDIR /app
COPY --from=build /out/web .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Dashboard.Web.dll"]
