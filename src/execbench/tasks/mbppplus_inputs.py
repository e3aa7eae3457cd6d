"""MBPP+ inputs as EvalPlus passes them: JSON has no tuples, sets or complex numbers.

EvalPlus stores every input as JSON and rebuilds the intended Python types for some tasks before
calling (`evalplus.data.mbpp.mbpp_deserialize_inputs`); the task contracts ask for those types
(`assert isinstance(test_tup1, tuple)`), and the reference's results depend on them. This table
states the same rebuilding per task number, shape by shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Args = list[Any]


def _each_argument_a_tuple(args: Args) -> Args:
    return [tuple(arg) for arg in args]


def _each_argument_a_list_of_tuples(args: Args) -> Args:
    return [[tuple(item) for item in arg] for arg in args]


def _first_a_list_of_tuples(args: Args) -> Args:
    return [[tuple(item) for item in args[0]], args[1]]


def _second_a_tuple(args: Args) -> Args:
    return [args[0], tuple(args[1])]


def _first_a_tuple(args: Args) -> Args:
    return [tuple(args[0]), args[1]]


def _first_a_tuple_of_three(args: Args) -> Args:
    return [tuple(args[0]), args[1], args[2]]


def _each_argument_a_tuple_of_tuples(args: Args) -> Args:
    return [tuple(tuple(item) for item in arg) for arg in args]


def _first_a_list_of_sets(args: Args) -> Args:
    # EvalPlus turns non-empty lists into sets and everything else into an empty dict.
    return [[set(item) if isinstance(item, list) and item else {} for item in args[0]]]


def _float_and_complex(args: Args) -> Args:
    return [float(args[0]), complex(args[1])]


def _a_complex(args: Args) -> Args:
    return [complex(args[0])]


def _first_a_tuple_of_mixed(args: Args) -> Args:
    return [tuple(tuple(item) if isinstance(item, list) else item for item in args[0])]


def _dict_of_tuples_first(args: Args) -> Args:
    return [{key: tuple(value) for key, value in args[0].items()}, *args[1:]]


def _all_lists_tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_all_lists_tuples(item) for item in value)
    return value


def _everything_tuples(args: Args) -> Args:
    return list(_all_lists_tuples(args))


_SHAPES: tuple[tuple[Callable[[Args], Args], tuple[int, ...]], ...] = (
    (
        _each_argument_a_tuple,
        (
            *(2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596),
            *(616, 630, 726, 740, 744, 809),
        ),
    ),
    (
        _each_argument_a_list_of_tuples,
        (63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780),
    ),
    (_first_a_list_of_tuples, (75, 413, 444, 753)),
    (_second_a_tuple, (106, 750)),
    (_first_a_list_of_sets, (115,)),
    (_float_and_complex, (124,)),
    (_first_a_tuple, (250, 405, 446, 617, 720, 763, 808)),
    (_each_argument_a_tuple_of_tuples, (259, 401, 445)),
    (_first_a_tuple_of_mixed, (278,)),
    (_first_a_tuple_of_three, (307,)),
    (_dict_of_tuples_first, (722,)),
    (_a_complex, (252,)),
    (_everything_tuples, (580, 615, 791)),
)
_BY_TASK = {number: shape for shape, numbers in _SHAPES for number in numbers}


def input_converter(task_id: str) -> Callable[[Args], tuple[Any, ...]]:
    """Turns one stored input of task `task_id` ("Mbpp/N") into the arguments to call with."""
    number = task_id.rsplit("/", 1)[-1]
    shape = _BY_TASK.get(int(number)) if number.isdigit() else None
    if shape is None:
        return tuple
    return lambda args: tuple(shape(args))
