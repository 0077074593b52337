using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Webhooks;

namespace RelationshipGrains.Api.OpenApi;

/// <summary>
/// The inbound webhook reads its body by source at run time, so the generator sees no type: this names the sources
/// and gives each one's message schema, which a back-office integrator codes against.
/// </summary>
internal sealed class InboundContract : IOpenApiOperationTransformer
{
    public const string OperationId = "receiveBackOfficeMessage";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId != OperationId)
        {
            return;
        }

        var document = context.Document!;
        var messages = new List<IOpenApiSchema>();
        foreach (var (source, type) in InboundMessages.BySource)
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            schema.Description = $"What the '{source}' source sends. {schema.Description}".TrimEnd();
            document.AddComponent(type.Name, schema);
            messages.Add(new OpenApiSchemaReference(type.Name, document));
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The message of the source named in the path: "
                + string.Join("; ", InboundMessages.BySource.Select(s => $"{s.Key}: {s.Value.Name}")) + ".",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchema { OneOf = messages } },
            },
        };
        if (operation.Parameters?.FirstOrDefault(p => p.Name == "source") is OpenApiParameter sourceParameter)
        {
            sourceParameter.Description = "The back-office system sending the message; each signs with its own secret.";
            sourceParameter.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. InboundMessages.BySource.Keys.Select(k => (JsonNode)k)],
            };
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(Header(WebhookSignature.TimestampHeader,
            "When the source signed the message, in Unix seconds; more than 5 minutes off is refused.",
            new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{1,12}$" }));
        operation.Parameters.Add(Header(WebhookSignature.DeliveryHeader,
            "The source's id for this delivery; sending it again has no second effect.",
            new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MaxLength = Validation.Limits.RequestIdLength,
                Pattern = Validation.Check.RequestIdPatternText,
            }));
    }

    private static OpenApiParameter Header(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Header, Required = true, Description = description, Schema = schema };
}
