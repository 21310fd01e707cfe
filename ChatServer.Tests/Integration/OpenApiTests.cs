using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Integration;

/// <summary>
/// <c>/openapi/v1.json</c> describes every HTTP endpoint the app maps, with the responses and auth they really have,
/// and <c>/api/docs</c> is a reference page that needs no other host.
/// </summary>
public sealed partial class OpenApiTests
{
    private const string DocumentPath = "/openapi/v1.json";

    // Left out of the document on purpose: the hub (its methods and events are in docs/api.md; its negotiate and
    // transport routes are not an API to call by hand), the health probes (for nginx, Docker and orchestrators,
    // mapped by MapHealthChecks as plain request delegates with a text body, which the generator does not see), the
    // metrics (Prometheus's text format, for the cluster network only: README, "Operations"), and the document and
    // reference themselves.
    private static readonly string[] UndocumentedPrefixes = ["/hubs/", "/health/", "/metrics", "/openapi/", "/api/docs"];

    [Fact]
    public async Task Every_mapped_http_endpoint_is_in_the_document_with_its_methods_and_nothing_else_is()
    {
        await using var app = new ChatApplication();
        var document = await GetDocumentAsync(app);

        var mapped = ApiEndpoints(app).SelectMany(endpoint => Methods(endpoint).Select(method => $"{method} {PathOf(endpoint)}")).Order(StringComparer.Ordinal).ToList();
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {Normalize(path.Name)}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        // The enumeration itself works: these are known routes (so an empty or wrong list cannot pass).
        Assert.Contains("POST /api/auth/register", mapped);
        Assert.Contains("GET /api/rooms/{room}/messages", mapped);
        Assert.Equal(mapped, documented);
        Assert.DoesNotContain(documented, operation => operation.Contains("/hubs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_required_exactly_on_the_endpoints_that_need_authorization()
    {
        await using var app = new ChatApplication();
        var document = await GetDocumentAsync(app);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString(), ignoreCase: true);

        var secured = new List<string>();
        var open = new List<string>();
        foreach (var endpoint in ApiEndpoints(app))
        {
            var metadata = endpoint.Metadata;
            var needsAuthorization = metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && metadata.GetMetadata<IAllowAnonymous>() is null;
            foreach (var method in Methods(endpoint))
            {
                var name = $"{method} {PathOf(endpoint)}";
                var operation = Operation(document, method, PathOf(endpoint));
                Assert.True(needsAuthorization == RequiresBearer(operation), $"{name}: authorization required {needsAuthorization}, document says {RequiresBearer(operation)}");
                if (needsAuthorization)
                {
                    Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{name} requires a token but documents no 401");
                }

                (needsAuthorization ? secured : open).Add(name);
            }
        }

        Assert.Contains("GET /api/rooms", secured);
        Assert.Contains("GET /api/rooms/{room}/messages", secured);
        Assert.Contains("POST /api/auth/login", open);
        Assert.Contains("POST /api/auth/refresh", open);
        Assert.Contains("POST /api/auth/logout", secured);
        Assert.Contains("GET /api/server", secured);
    }

    [Theory]
    [InlineData("POST", "/api/auth/register", "201 400 409 429")]
    [InlineData("POST", "/api/auth/login", "200 400 401 429")]
    [InlineData("POST", "/api/auth/refresh", "200 400 401")]
    [InlineData("POST", "/api/auth/logout", "204 400 401")]
    [InlineData("GET", "/api/rooms", "200 400 401")]
    [InlineData("GET", "/api/rooms/{room}/messages", "200 400 401 403")]
    [InlineData("GET", "/api/server", "200 401")]
    public async Task Each_operation_documents_the_statuses_it_answers_with(string method, string path, string statuses)
    {
        await using var app = new ChatApplication();
        var document = await GetDocumentAsync(app);

        var documented = Operation(document, method, path).GetProperty("responses").EnumerateObject().Select(response => response.Name).Order(StringComparer.Ordinal);

        Assert.Equal(statuses.Split(' '), documented);
    }

    [Fact]
    public async Task Register_documents_its_user_its_validation_problem_and_its_conflict_problem()
    {
        await using var app = new ChatApplication();
        var document = await GetDocumentAsync(app);
        var responses = Operation(document, "POST", "/api/auth/register").GetProperty("responses");

        var created = ResponseSchema(document, responses, "201", "application/json");
        var invalid = ResponseSchema(document, responses, "400", "application/problem+json");
        var conflict = ResponseSchema(document, responses, "409", "application/problem+json");

        Assert.Equal(["userName"], PropertyNames(created));
        Assert.Subset(PropertyNames(invalid).ToHashSet(), new HashSet<string> { "title", "status", "errors" });
        Assert.Subset(PropertyNames(conflict).ToHashSet(), new HashSet<string> { "title", "status", "detail" });
        Assert.DoesNotContain("errors", PropertyNames(conflict));
    }

    [Fact]
    public async Task The_documented_shapes_are_the_camel_case_json_the_endpoints_return()
    {
        await using var app = new ChatApplication();
        var document = await GetDocumentAsync(app);
        using var http = app.CreateClient();
        var name = "doc-" + Guid.NewGuid().ToString("N")[..8];

        using var registered = await http.PostAsJsonAsync("/api/auth/register", new { userName = name, password = ChatApplication.Password });
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = name, password = ChatApplication.Password });
        // A second login for the refresh and the token: a response body is read once, by the shape check.
        using var second = await http.PostAsJsonAsync("/api/auth/login", new { userName = name, password = ChatApplication.Password });
        var secondBody = await second.Content.ReadFromJsonAsync<JsonElement>();
        var refreshToken = secondBody.GetProperty("refreshToken").GetString();
        using var serverRequest = new HttpRequestMessage(HttpMethod.Get, "/api/server");
        serverRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secondBody.GetProperty("accessToken").GetString());
        using var server = await http.SendAsync(serverRequest);
        using var refreshed = await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

        await AssertShapeAsync(document, "POST", "/api/auth/register", registered, HttpStatusCode.Created);
        await AssertShapeAsync(document, "POST", "/api/auth/login", login, HttpStatusCode.OK);
        await AssertShapeAsync(document, "GET", "/api/server", server, HttpStatusCode.OK);
        await AssertShapeAsync(document, "POST", "/api/auth/refresh", refreshed, HttpStatusCode.OK);
        var expiresIn = ResponseSchema(document, Operation(document, "POST", "/api/auth/login").GetProperty("responses"), "200", "application/json")
            .GetProperty("properties").GetProperty("expiresIn");
        Assert.Equal("integer", expiresIn.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_reference_page_loads_its_scripts_and_the_document_from_its_own_origin_only()
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var redirect = await http.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var pageUri = new Uri(new Uri(http.BaseAddress!, "/api/docs"), redirect.Headers.Location!);
        Assert.Equal("/api/docs/", pageUri.AbsolutePath);

        using var page = await http.GetAsync(pageUri);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        // Every script the page loads (src attributes and module imports), resolved as a browser would.
        var scripts = ScriptSource().Matches(html).Concat(ModuleImport().Matches(html)).Select(match => new Uri(pageUri, match.Groups["url"].Value)).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Equal(http.BaseAddress!.GetLeftPart(UriPartial.Authority), script.GetLeftPart(UriPartial.Authority)));
        // Nothing else in the page names another host either (fonts, styles, a CDN fallback): it holds no absolute URL.
        Assert.DoesNotMatch(AbsoluteUrl(), html);
        // The bundle itself would fetch its default fonts and send telemetry to other hosts unless told not to.
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);

        foreach (var script in scripts.Distinct())
        {
            using var response = await http.GetAsync(script);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{script}: {response.StatusCode}");
            Assert.Contains("javascript", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        }

        // The bundle is Scalar's own, served from the app, not a stub that would fetch it from elsewhere.
        var bundle = await http.GetStringAsync(new Uri(pageUri, "scalar.js"));
        Assert.Contains("createApiReference", bundle, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_and_the_reference_need_no_token()
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();

        using var document = await http.GetAsync(DocumentPath);
        // Followed as a browser does: /api/docs redirects to /api/docs/, so the page's relative asset URLs resolve.
        using var reference = await http.GetAsync("/api/docs");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"app\">", await reference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> GetDocumentAsync(ChatApplication app)
    {
        using var http = app.CreateClient();
        return await http.GetFromJsonAsync<JsonElement>(DocumentPath);
    }

    /// <summary>The app's HTTP API endpoints, from its own routing (what a request can reach), less the undocumented ones.</summary>
    private static List<RouteEndpoint> ApiEndpoints(ChatApplication app)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        // The excluded prefixes do match mapped routes; a typo there would silently hide nothing (or everything).
        Assert.Contains(endpoints, endpoint => PathOf(endpoint).StartsWith("/hubs/", StringComparison.Ordinal));
        return endpoints.Where(endpoint => !UndocumentedPrefixes.Any(prefix => PathOf(endpoint).StartsWith(prefix, StringComparison.Ordinal))).ToList();
    }

    private static IReadOnlyList<string> Methods(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        Assert.True(methods.Count > 0, $"{endpoint.DisplayName} answers any method; give it one so it can be documented");
        return methods;
    }

    private static string PathOf(RouteEndpoint endpoint) => Normalize("/" + endpoint.RoutePattern.RawText?.TrimStart('/'));

    /// <summary>A group's "/" route ends in a slash that the document drops.</summary>
    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static JsonElement Operation(JsonElement document, string method, string path)
    {
        var item = document.GetProperty("paths").EnumerateObject().Where(candidate => Normalize(candidate.Name) == path).Select(candidate => candidate.Value).ToList();
        Assert.True(item.Count == 1, $"{path} is not in the document");
        Assert.True(item[0].TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is not in the document");
        return operation;
    }

    private static bool RequiresBearer(JsonElement operation) =>
        operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _));

    private static JsonElement ResponseSchema(JsonElement document, JsonElement responses, string status, string mediaType)
    {
        Assert.True(responses.TryGetProperty(status, out var response), $"no {status} response");
        var media = response.TryGetProperty("content", out var content) && content.TryGetProperty(mediaType, out var found) ? found : default;
        Assert.True(media.ValueKind == JsonValueKind.Object, $"the {status} response has no {mediaType} content");
        return Resolve(document, media.GetProperty("schema"));
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
        {
            return schema;
        }

        const string prefix = "#/components/schemas/";
        var target = reference.GetString()!;
        Assert.StartsWith(prefix, target, StringComparison.Ordinal);
        return document.GetProperty("components").GetProperty("schemas").GetProperty(target[prefix.Length..]);
    }

    private static List<string> PropertyNames(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(property => property.Name).ToList();

    private static async Task AssertShapeAsync(JsonElement document, string method, string path, HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        var schema = ResponseSchema(document, Operation(document, method, path).GetProperty("responses"), ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), "application/json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(PropertyNames(schema).Order(StringComparer.Ordinal), body.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("""<script\b[^>]*\bsrc\s*=\s*["'](?<url>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();

    [GeneratedRegex("""\bfrom\s*["'](?<url>[^"']+)["']""")]
    private static partial Regex ModuleImport();

    [GeneratedRegex("""(?i)(?:https?:)?//[a-z0-9.-]+""")]
    private static partial Regex AbsoluteUrl();
}
