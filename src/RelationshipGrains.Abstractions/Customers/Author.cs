using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>Who wrote a timeline entry: the customer, a staff member or partner (with id), or the system.</summary>
/// <param name="Kind">The customer, staff, a partner or the system.</param>
/// <param name="Id">
/// A partner's id, or a staff member's: their subject at the organisation's sign-in provider when they signed in, or
/// the id the calling app knows them by.
/// </param>
/// <param name="Name">A staff member's display name, from their sign-in.</param>
[GenerateSerializer, Immutable, Alias("rg.Author")]
public sealed record Author([property: Id(0)] AuthorKind? Kind, [property: Id(1)] string? Id = null, [property: Id(2)] string? Name = null)
{
    /// <summary>The customer whose timeline it is.</summary>
    public static Author Customer { get; } = new(AuthorKind.Customer);

    /// <summary>The platform itself.</summary>
    public static Author System { get; } = new(AuthorKind.System);

    /// <summary>Checks the author; staff and partners need an id, the customer and the system have none.</summary>
    /// <param name="field">
    /// The field's name in errors, for example <c>author</c>; the parts are reported as <c>{field}.kind</c>,
    /// <c>{field}.id</c> and <c>{field}.name</c>.
    /// </param>
    /// <returns>This author, unchanged.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The kind is missing or unknown; a staff author's id is not 1-255 visible ASCII characters, or a partner's is not
    /// an id; the customer or the system is given an id; or a name is given for anyone but staff, or is over 200
    /// characters.
    /// </exception>
    public Author Validated(string field)
    {
        var names = field == AuthorFields.Field ? AuthorFields : new FieldNames(field);
        var kind = Check.Defined(Kind, names.Kind);
        if (kind is AuthorKind.Staff)
        {
            // A provider's subject may be mixed case or carry '|' (auth0|123): any visible ASCII is kept as given.
            Check.Subject(Id, names.Id);
        }
        else if (kind is AuthorKind.Partner)
        {
            Check.Id(Id, names.Id);
        }
        else if (Id is not null)
        {
            throw new RelationshipValidationException(names.Id, $"{names.Id} is only given for staff and partner authors.");
        }

        if (Name is not null && kind is not AuthorKind.Staff)
        {
            throw new RelationshipValidationException(names.Name, $"{names.Name} is only given for staff authors.");
        }

        Check.OptionalText(Name, names.Name, Limits.DisplayName);

        return this;
    }

    /// <summary>The parts' names under the usual field, made once rather than on every check of every write.</summary>
    private static readonly FieldNames AuthorFields = new("author");

    private sealed class FieldNames(string field)
    {
        public string Field { get; } = field;
        public string Kind { get; } = $"{field}.kind";
        public string Id { get; } = $"{field}.id";
        public string Name { get; } = $"{field}.name";
    }
}
