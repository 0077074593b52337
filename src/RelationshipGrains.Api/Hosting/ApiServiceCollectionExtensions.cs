using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.Errors;
using RelationshipGrains.Api.Health;
using RelationshipGrains.Api.Http;
using RelationshipGrains.Api.OpenApi;

namespace RelationshipGrains.Api.Hosting;

public static class ApiServiceCollectionExtensions
{
    /// <summary>JSON, problem details, API-key and sign-in auth, health checks and OpenAPI for the HTTP API.</summary>
    public static IServiceCollection AddRelationshipGrainsApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Detail ??= StatusDetails.For(c.HttpContext, c.ProblemDetails.Status));
        services.TryAddSingleton(TimeProvider.System);
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.AddOptions<InboundSourceOptions>().Bind(configuration.GetSection(InboundSourceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InboundSourceOptions>, InboundSourceOptionsValidator>();
        services.AddAuthentication(SignInAuthentication.KeyOrSignInScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, InboundSignatureHandler>(InboundSignatureHandler.SchemeName, null)
            .AddKeyOrSignIn(services, configuration);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.ChannelPolicy, p => p.RequireRole(ApiRoles.Channel, ApiRoles.Operator))
            .AddPolicy(ApiRoles.StaffOrCustomerPolicy, p => p.RequireRole(ApiRoles.Channel, ApiRoles.Operator, ApiRoles.Customer)
                .AddRequirements(new CustomerSelfService.Requirement()))
            .AddPolicy(ApiRoles.OperatorOrCustomerPolicy, p => p.RequireRole(ApiRoles.Operator, ApiRoles.Customer)
                .AddRequirements(new CustomerSelfService.Requirement()))
            .AddPolicy(ApiRoles.OperatorPolicy, p => p.RequireRole(ApiRoles.Operator))
            .AddPolicy(ApiRoles.AnyKeyPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(ApiRoles.ContractPolicy, p => p.RequireRole(ApiRoles.Channel, ApiRoles.Operator, ApiRoles.Partner))
            .AddPolicy(ApiRoles.PartnerPolicy, p => p.RequireRole(ApiRoles.Partner).RequireClaim(ApiKeyAuthenticationHandler.PartnerIdClaim))
            .AddPolicy(ApiRoles.BackOfficePolicy, p => p.AddAuthenticationSchemes(InboundSignatureHandler.SchemeName)
                .RequireRole(ApiRoles.BackOffice).RequireClaim(InboundSignatureHandler.SourceClaim));

        services.AddPerKeyRateLimiting(configuration);
        services.AddHealthChecks().AddCheck<OrleansReadinessCheck>("orleans", tags: ["ready"]);
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<ContractDocument>();
            // The inbound operation's body is made by its own transformer, which runs first so that the general one
            // declares what every operation with a body may answer (413, 415).
            o.AddOperationTransformer<InboundContract>();
            o.AddOperationTransformer<OperationContract>();
            o.AddSchemaTransformer<InputLimits>();
        });
        return services;
    }

    /// <summary>Deeper than any body we accept needs; deeper still is refused before it costs anything.</summary>
    public const int MaxJsonDepth = 16;

    /// <summary>
    /// Enums as kebab-case strings; unknown fields are refused rather than silently dropped; numbers are JSON numbers,
    /// never strings, so the document declares one type per field and generated clients get plain numbers.
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.NumberHandling = JsonNumberHandling.Strict;
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Last-one-wins let a proxy or a signature check read one value while we acted on another.
        json.AllowDuplicateProperties = false;
        json.MaxDepth = MaxJsonDepth;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }
}
