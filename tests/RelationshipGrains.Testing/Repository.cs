namespace RelationshipGrains.Testing;

public static class Repository
{
    /// <summary>The folder holding RelationshipGrains.sln, found above the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationshipGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with RelationshipGrains.sln) is not above the test binaries.");
    }
}
