using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>Who wrote a timeline entry: the customer, a staff member or partner (with id), or the system.</summary>
[GenerateSerializer, Immutable, Alias("rg.Author")]
public sealed record Author([property: Id(0)] AuthorKind? Kind, [property: Id(1)] string? Id = null)
{
    /// <summary>The customer whose timeline it is.</summary>
    public static Author Customer { get; } = new(AuthorKind.Customer);

    /// <summary>The platform itself.</summary>
    public static Author System { get; } = new(AuthorKind.System);

    /// <summary>Checks the author; staff and partners need an id, the customer and the system have none.</summary>
    public Author Validated(string field)
    {
        var kind = Check.Defined(Kind, $"{field}.kind");
        if (kind is AuthorKind.Staff or AuthorKind.Partner)
        {
            Check.Id(Id, $"{field}.id");
        }
        else if (Id is not null)
        {
            throw new RelationshipValidationException($"{field}.id", $"{field}.id is only given for staff and partner authors.");
        }

        return this;
    }
}
