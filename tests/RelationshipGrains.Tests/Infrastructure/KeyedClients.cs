using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RelationshipGrains.Tests.Infrastructure;

public static class KeyedClients
{
    /// <summary>A client of the silo that sends <paramref name="key"/> as its bearer token; none when null.</summary>
    public static HttpClient ClientWithKey(this WebApplicationFactory<Program> silo, string? key)
    {
        var client = silo.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
