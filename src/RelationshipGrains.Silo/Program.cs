using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Silo.Hosting;
using RelationshipGrains.Silo.Observability;

var builder = WebApplication.CreateBuilder(args);
builder.AddRelationshipGrainsSilo();
builder.AddRelationshipGrainsObservability();
builder.Services.AddRelationshipGrainsApi(builder.Configuration);

var app = builder.Build();
app.UseTlsTermination();
app.MapRelationshipGrainsApi();
app.MapRelationshipGrainsOperations();
app.Run();

/// <summary>Visible to tests so they can host the whole silo with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
