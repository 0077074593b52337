using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RelationshipGrains.Api.OpenApi;

/// <summary>
/// What the document says about the API as a whole: its name and purpose, how callers authenticate, and the one
/// problem-details body every error answers with.
/// </summary>
internal sealed class ContractDocument : IOpenApiDocumentTransformer
{
    public const string Bearer = "apiKey";
    public const string InboundSignature = "inboundSignature";
    public const string Problem = "Problem";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "RelationshipGrains API",
            Version = "v1",
            Description = "The customer-relationship backbone over HTTP: customers' timelines, consents, intents and value chains for "
                + "channel apps; the partner API; communities and ideas; webhooks, reports and operations for operators; and the "
                + "signed inbound webhook for back-office systems. Enum values are lower-case kebab strings everywhere. "
                + "Errors are RFC 9457 problem details.",
            Contact = new OpenApiContact { Name = "RelationshipGrains operators" },
        };

        // The generator names the server the request came through with a trailing slash, which joins paths with "//".
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key issued to a channel app, partner or operator, sent as 'Authorization: Bearer <key>', "
                + "or, where staff sign-in is configured, a signed-in person's access token from the organisation's OpenID "
                + "Connect provider. The key's role, or the role the person's groups grant, decides which operations it may call.",
        };
        document.Components.SecuritySchemes[InboundSignature] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-RG-Signature",
            Description = "'sha256=' and the lower-case hex HMAC-SHA256, under the source's shared secret, of the X-RG-Timestamp header "
                + "(Unix seconds, within 5 minutes of ours), a '.' and the raw body. X-RG-Delivery names the delivery.",
        };
        document.AddComponent(Problem, ProblemSchema());
        return Task.CompletedTask;
    }

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "What went wrong, for a person (detail) and a program (status, and field for invalid input).",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem."),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = Text("What happened in this case, and what to do about it."),
            ["instance"] = Text("The request the problem happened on."),
            ["field"] = Text("The invalid field (camelCase, as sent), on 400 only."),
            ["traceId"] = Text("The trace id to quote to an operator."),
        },
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
