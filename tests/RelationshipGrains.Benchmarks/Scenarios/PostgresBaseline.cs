using Npgsql;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>
/// Scenario 3: the design a user would otherwise pick: a stateless service on PostgreSQL, a row per interaction, a
/// per-customer sequence taken in the same transaction, idempotent by interaction id, an indexed timeline query.
/// Same payloads, same number of concurrent callers as our grain path with memory storage.
/// </summary>
public static class PostgresBaseline
{
    private const string Schema = """
        CREATE TABLE customers (customer_id text PRIMARY KEY, last_seq bigint NOT NULL);
        CREATE TABLE interactions (
          customer_id text NOT NULL, seq bigint NOT NULL, interaction_id text NOT NULL, channel text NOT NULL,
          direction text NOT NULL, text text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (customer_id, seq), UNIQUE (customer_id, interaction_id));
        """;

    private const string Record = """
        WITH existing AS (SELECT seq FROM interactions WHERE customer_id = $1 AND interaction_id = $2),
        next AS (
          INSERT INTO customers (customer_id, last_seq) SELECT $1, 1 WHERE NOT EXISTS (SELECT 1 FROM existing)
          ON CONFLICT (customer_id) DO UPDATE SET last_seq = customers.last_seq + 1 RETURNING last_seq)
        INSERT INTO interactions (customer_id, seq, interaction_id, channel, direction, text)
        SELECT $1, last_seq, $2, 'chat', 'inbound', $3 FROM next RETURNING seq
        """;

    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        await using var postgres = await LocalPostgres.StartAsync();
        await using var source = new NpgsqlDataSourceBuilder(postgres.ConnectionString + $";Maximum Pool Size={options.HttpCallers}").Build();
        await using (var create = source.CreateCommand(Schema))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var silo = await BenchSilo.StartAsync(s => s.AddOrleansSerializedMemoryGrainStorage(StorageNames.Relationships));
        var callers = options.HttpCallers;
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var pgWrite = await runner.RunAsync("vs PostgreSQL", "write: PostgreSQL row + sequence", callers, async (c, n) =>
        {
            await using var command = source.CreateCommand(Record);
            command.Parameters.AddWithValue(Payloads.CustomerId((c * 7919 + n) % options.Customers));
            command.Parameters.AddWithValue($"{prefix}-{c}-{n}");
            command.Parameters.AddWithValue(Payloads.Text);
            await command.ExecuteScalarAsync();
        });
        var pgRead = await runner.RunAsync("vs PostgreSQL", "read: PostgreSQL timeline (20)", callers, async (c, n) =>
        {
            await using var command = source.CreateCommand(
                "SELECT seq, interaction_id, channel, direction, text, recorded_at FROM interactions WHERE customer_id = $1 ORDER BY seq DESC LIMIT 20");
            command.Parameters.AddWithValue(Payloads.CustomerId((c * 7919 + n) % options.Customers));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        });
        var ourWrite = await runner.RunAsync("vs PostgreSQL", "write: RecordInteraction", callers, (c, n) =>
            silo.Grains.Customer(Payloads.CustomerId((c * 7919 + n) % options.Customers)).RecordInteractionAsync(Payloads.Interaction($"{prefix}-{c}-{n}")));
        var ourRead = await runner.RunAsync("vs PostgreSQL", "read: GetTimeline (20)", callers, (c, n) =>
            silo.Grains.Customer(Payloads.CustomerId((c * 7919 + n) % options.Customers)).GetTimelineAsync(new TimelineQuery(Limit: 20)));
        results.Add(pgWrite);
        results.Add(pgRead);
        results.Add(ourWrite with { Baseline = "PostgreSQL write", Ratio = ourWrite.PerSecond / pgWrite.PerSecond, Note = "memory storage vs fsync'd rows" });
        results.Add(ourRead with { Baseline = "PostgreSQL read", Ratio = ourRead.PerSecond / pgRead.PerSecond });
    }
}
