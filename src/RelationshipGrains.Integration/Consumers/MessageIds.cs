using System.Security.Cryptography;
using System.Text;
using MassTransit;

namespace RelationshipGrains.Integration.Consumers;

public static class MessageIds
{
    /// <summary>The message's id; a message without one cannot be de-duplicated, so it is refused (and lands in the error queue).</summary>
    public static Guid Required(ConsumeContext context) =>
        context.MessageId ?? throw new InvalidOperationException($"A {context.GetType().Name} arrived without a message id; it cannot be applied exactly once.");

    /// <summary>
    /// An id derived from another message's id and a name, the same on every redelivery, for messages we publish in
    /// answer to one we consumed (so the answer is de-duplicated downstream too).
    /// </summary>
    public static Guid Derived(Guid source, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{source:N}/{name}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
