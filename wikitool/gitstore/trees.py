"""Trees built in memory: a tree edited by path, or a whole tree from files.

Pure: reading and writing objects is the caller's (:class:`~wikitool.gitstore.store.WikiStore`,
which recovers from stale locks and caches trees); here is only how git nests them.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Mapping

from dulwich.objects import Blob, ObjectID, ShaFile, Tree

from wikitool.errors import GitStoreError
from wikitool.gitstore.objects import EMPTY_TREE, FILE_MODE, oid

TreeChange = tuple[bytes, int | None, ObjectID | None]
"""``(path, mode, blob id)``; a ``None`` blob deletes the path."""


def edited_tree(
    read: Callable[[str], Tree],
    write: Callable[[Tree], None],
    tree_id: str | None,
    changes: list[TreeChange],
) -> str:
    """The id of tree ``tree_id`` (``None``: empty) with ``changes`` applied.

    Our own version of dulwich's ``commit_tree_changes``, so every new tree goes through
    ``write`` and the tree objects ``read`` returns (shared, cached) are never edited.
    Folders left empty disappear, as in git.
    """
    tree = Tree()
    if tree_id:
        for entry in read(tree_id).iteritems():
            tree.add(entry.path, entry.mode, entry.sha)
    nested: dict[bytes, list[TreeChange]] = {}
    for path, mode, sha in changes:
        head, sep, rest = path.partition(b"/")
        if sep:
            nested.setdefault(head, []).append((rest, mode, sha))
        elif sha is None:
            if head in tree:
                del tree[head]
        else:
            assert mode is not None
            tree.add(head, mode, sha)
    for name, subchanges in nested.items():
        sub_id: str | None = None
        if name in tree:
            mode, sha = tree[name]
            if not stat.S_ISDIR(mode):
                raise GitStoreError(f"{name.decode()} is a file, not a folder")
            sub_id = sha.decode()
        new_sub = edited_tree(read, write, sub_id, subchanges)
        if new_sub == EMPTY_TREE:
            if name in tree:
                del tree[name]
        else:
            tree.add(name, stat.S_IFDIR, oid(new_sub))
    write(tree)
    return tree.id.decode()


def tree_of_files(files: Mapping[str, bytes]) -> tuple[Tree, list[ShaFile]]:
    """The root tree of ``path -> content``, and every object to write (blobs, trees).

    Raises:
        GitStoreError: a path is both a file and a folder.
    """
    objects: list[ShaFile] = []
    root: dict[str, object] = {}
    for path, content in sorted(files.items()):
        blob = Blob.from_string(content)
        objects.append(blob)
        node = root
        *dirs, name = path.split("/")
        for d in dirs:
            child = node.setdefault(d, {})
            if not isinstance(child, dict):
                raise GitStoreError(f"{path}: {d} is both a file and a folder")
            node = child
        node[name] = blob

    def build(node: dict[str, object]) -> Tree:
        tree = Tree()
        for name, value in node.items():
            if isinstance(value, Blob):
                tree.add(name.encode("utf-8"), FILE_MODE, value.id)
            else:
                assert isinstance(value, dict)
                tree.add(name.encode("utf-8"), stat.S_IFDIR, build(value).id)
        objects.append(tree)
        return tree

    return build(root), objects
