# anjian_library(NAME x SRCS ... DEPS ...) and
# anjian_test(NAME x SRCS ... DEPS ... LABELS ... [POSTGRESQL])
set(ANJIAN_WARNINGS -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(ANJIAN_WERROR)
  list(APPEND ANJIAN_WARNINGS -Werror)
endif()
if(ANJIAN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

function(anjian_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(anjian_${ARG_NAME} STATIC ${ARG_SRCS})
  target_include_directories(anjian_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(anjian_${ARG_NAME} PRIVATE ${ANJIAN_WARNINGS})
  target_link_libraries(anjian_${ARG_NAME} PUBLIC ${ARG_DEPS})
endfunction()

# POSTGRESQL: the test needs the throwaway PostgreSQL cluster (see anjian_requires_postgresql);
# it is also linked with anjian_test_pg (tests/support/pg_test_db.hpp).
function(anjian_test)
  cmake_parse_arguments(ARG "POSTGRESQL" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_compile_options(${ARG_NAME} PRIVATE ${ANJIAN_WARNINGS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} anjian_test_temp_dir GTest::gtest GTest::gtest_main
    GTest::gmock)
  target_compile_definitions(${ARG_NAME} PRIVATE
    ANJIAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}" ANJIAN_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  if(ARG_LABELS)
    set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
  if(ARG_POSTGRESQL)
    target_link_libraries(${ARG_NAME} PRIVATE anjian_test_pg)
    anjian_requires_postgresql(${ARG_NAME})
  endif()
endfunction()

# Where scripts/pg-test-cluster keeps the url and directory of the tests' PostgreSQL cluster.
set(ANJIAN_TEST_PG_STATE_DIR ${PROJECT_BINARY_DIR}/pg)

# anjian_requires_postgresql(test...): the tests run against the throwaway PostgreSQL cluster that
# ctest starts before the first of them (test pg_cluster_start, fixture `postgresql`) and stops
# after the last, even when tests fail (pg_cluster_stop); they find it through the environment
# variable ANJIAN_TEST_PG_STATE. Call it in the directory that registers the tests (CMake 3.25
# sets test properties only there); anjian_test(... POSTGRESQL) does.
function(anjian_requires_postgresql)
  foreach(test IN LISTS ARGN)
    set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED postgresql)
    set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT
      "ANJIAN_TEST_PG_STATE=${ANJIAN_TEST_PG_STATE_DIR}")
  endforeach()
endfunction()
